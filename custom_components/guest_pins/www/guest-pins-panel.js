var Rt=Object.defineProperty;var Nt=Object.getOwnPropertyDescriptor;var p=(a,s,e,t)=>{for(var o=t>1?void 0:t?Nt(s,e):s,n=a.length-1,r;n>=0;n--)(r=a[n])&&(o=(t?r(s,e,o):r(o))||o);return t&&o&&Rt(s,e,o),o};var pe=globalThis,ue=pe.ShadowRoot&&(pe.ShadyCSS===void 0||pe.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,we=Symbol(),Ve=new WeakMap,X=class{constructor(s,e,t){if(this._$cssResult$=!0,t!==we)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=s,this.t=e}get styleSheet(){let s=this.o,e=this.t;if(ue&&s===void 0){let t=e!==void 0&&e.length===1;t&&(s=Ve.get(e)),s===void 0&&((this.o=s=new CSSStyleSheet).replaceSync(this.cssText),t&&Ve.set(e,s))}return s}toString(){return this.cssText}},Ke=a=>new X(typeof a=="string"?a:a+"",void 0,we),w=(a,...s)=>{let e=a.length===1?a[0]:s.reduce((t,o,n)=>t+(r=>{if(r._$cssResult$===!0)return r.cssText;if(typeof r=="number")return r;throw Error("Value passed to 'css' function must be a 'css' function result: "+r+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(o)+a[n+1],a[0]);return new X(e,a,we)},Ye=(a,s)=>{if(ue)a.adoptedStyleSheets=s.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of s){let t=document.createElement("style"),o=pe.litNonce;o!==void 0&&t.setAttribute("nonce",o),t.textContent=e.cssText,a.appendChild(t)}},$e=ue?a=>a:a=>a instanceof CSSStyleSheet?(s=>{let e="";for(let t of s.cssRules)e+=t.cssText;return Ke(e)})(a):a;var{is:Pt,defineProperty:Ot,getOwnPropertyDescriptor:Lt,getOwnPropertyNames:Dt,getOwnPropertySymbols:zt,getPrototypeOf:Ht}=Object,me=globalThis,Ze=me.trustedTypes,Mt=Ze?Ze.emptyScript:"",Ut=me.reactiveElementPolyfillSupport,G=(a,s)=>a,ee={toAttribute(a,s){switch(s){case Boolean:a=a?Mt:null;break;case Object:case Array:a=a==null?a:JSON.stringify(a)}return a},fromAttribute(a,s){let e=a;switch(s){case Boolean:e=a!==null;break;case Number:e=a===null?null:Number(a);break;case Object:case Array:try{e=JSON.parse(a)}catch{e=null}}return e}},ge=(a,s)=>!Pt(a,s),Qe={attribute:!0,type:String,converter:ee,reflect:!1,useDefault:!1,hasChanged:ge};Symbol.metadata??=Symbol("metadata"),me.litPropertyMetadata??=new WeakMap;var O=class extends HTMLElement{static addInitializer(s){this._$Ei(),(this.l??=[]).push(s)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(s,e=Qe){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(s)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(s,e),!e.noAccessor){let t=Symbol(),o=this.getPropertyDescriptor(s,t,e);o!==void 0&&Ot(this.prototype,s,o)}}static getPropertyDescriptor(s,e,t){let{get:o,set:n}=Lt(this.prototype,s)??{get(){return this[e]},set(r){this[e]=r}};return{get:o,set(r){let i=o?.call(this);n?.call(this,r),this.requestUpdate(s,i,t)},configurable:!0,enumerable:!0}}static getPropertyOptions(s){return this.elementProperties.get(s)??Qe}static _$Ei(){if(this.hasOwnProperty(G("elementProperties")))return;let s=Ht(this);s.finalize(),s.l!==void 0&&(this.l=[...s.l]),this.elementProperties=new Map(s.elementProperties)}static finalize(){if(this.hasOwnProperty(G("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(G("properties"))){let e=this.properties,t=[...Dt(e),...zt(e)];for(let o of t)this.createProperty(o,e[o])}let s=this[Symbol.metadata];if(s!==null){let e=litPropertyMetadata.get(s);if(e!==void 0)for(let[t,o]of e)this.elementProperties.set(t,o)}this._$Eh=new Map;for(let[e,t]of this.elementProperties){let o=this._$Eu(e,t);o!==void 0&&this._$Eh.set(o,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(s){let e=[];if(Array.isArray(s)){let t=new Set(s.flat(1/0).reverse());for(let o of t)e.unshift($e(o))}else s!==void 0&&e.push($e(s));return e}static _$Eu(s,e){let t=e.attribute;return t===!1?void 0:typeof t=="string"?t:typeof s=="string"?s.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(s=>this.enableUpdating=s),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(s=>s(this))}addController(s){(this._$EO??=new Set).add(s),this.renderRoot!==void 0&&this.isConnected&&s.hostConnected?.()}removeController(s){this._$EO?.delete(s)}_$E_(){let s=new Map,e=this.constructor.elementProperties;for(let t of e.keys())this.hasOwnProperty(t)&&(s.set(t,this[t]),delete this[t]);s.size>0&&(this._$Ep=s)}createRenderRoot(){let s=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Ye(s,this.constructor.elementStyles),s}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(s=>s.hostConnected?.())}enableUpdating(s){}disconnectedCallback(){this._$EO?.forEach(s=>s.hostDisconnected?.())}attributeChangedCallback(s,e,t){this._$AK(s,t)}_$ET(s,e){let t=this.constructor.elementProperties.get(s),o=this.constructor._$Eu(s,t);if(o!==void 0&&t.reflect===!0){let n=(t.converter?.toAttribute!==void 0?t.converter:ee).toAttribute(e,t.type);this._$Em=s,n==null?this.removeAttribute(o):this.setAttribute(o,n),this._$Em=null}}_$AK(s,e){let t=this.constructor,o=t._$Eh.get(s);if(o!==void 0&&this._$Em!==o){let n=t.getPropertyOptions(o),r=typeof n.converter=="function"?{fromAttribute:n.converter}:n.converter?.fromAttribute!==void 0?n.converter:ee;this._$Em=o;let i=r.fromAttribute(e,n.type);this[o]=i??this._$Ej?.get(o)??i,this._$Em=null}}requestUpdate(s,e,t,o=!1,n){if(s!==void 0){let r=this.constructor;if(o===!1&&(n=this[s]),t??=r.getPropertyOptions(s),!((t.hasChanged??ge)(n,e)||t.useDefault&&t.reflect&&n===this._$Ej?.get(s)&&!this.hasAttribute(r._$Eu(s,t))))return;this.C(s,e,t)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(s,e,{useDefault:t,reflect:o,wrapped:n},r){t&&!(this._$Ej??=new Map).has(s)&&(this._$Ej.set(s,r??e??this[s]),n!==!0||r!==void 0)||(this._$AL.has(s)||(this.hasUpdated||t||(e=void 0),this._$AL.set(s,e)),o===!0&&this._$Em!==s&&(this._$Eq??=new Set).add(s))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let s=this.scheduleUpdate();return s!=null&&await s,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[o,n]of this._$Ep)this[o]=n;this._$Ep=void 0}let t=this.constructor.elementProperties;if(t.size>0)for(let[o,n]of t){let{wrapped:r}=n,i=this[o];r!==!0||this._$AL.has(o)||i===void 0||this.C(o,void 0,n,i)}}let s=!1,e=this._$AL;try{s=this.shouldUpdate(e),s?(this.willUpdate(e),this._$EO?.forEach(t=>t.hostUpdate?.()),this.update(e)):this._$EM()}catch(t){throw s=!1,this._$EM(),t}s&&this._$AE(e)}willUpdate(s){}_$AE(s){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(s)),this.updated(s)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(s){return!0}update(s){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(s){}firstUpdated(s){}};O.elementStyles=[],O.shadowRootOptions={mode:"open"},O[G("elementProperties")]=new Map,O[G("finalized")]=new Map,Ut?.({ReactiveElement:O}),(me.reactiveElementVersions??=[]).push("2.1.2");var Ee=globalThis,Je=a=>a,fe=Ee.trustedTypes,Xe=fe?fe.createPolicy("lit-html",{createHTML:a=>a}):void 0,nt="$lit$",L=`lit$${Math.random().toFixed(9).slice(2)}$`,at="?"+L,Bt=`<${at}>`,W=document,se=()=>W.createComment(""),oe=a=>a===null||typeof a!="object"&&typeof a!="function",Re=Array.isArray,Wt=a=>Re(a)||typeof a?.[Symbol.iterator]=="function",xe=`[ 	
\f\r]`,te=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Ge=/-->/g,et=/>/g,U=RegExp(`>|${xe}(?:([^\\s"'>=/]+)(${xe}*=${xe}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),tt=/'/g,st=/"/g,rt=/^(?:script|style|textarea|title)$/i,Ne=a=>(s,...e)=>({_$litType$:a,strings:s,values:e}),l=Ne(1),cs=Ne(2),hs=Ne(3),F=Symbol.for("lit-noChange"),h=Symbol.for("lit-nothing"),ot=new WeakMap,B=W.createTreeWalker(W,129);function it(a,s){if(!Re(a)||!a.hasOwnProperty("raw"))throw Error("invalid template strings array");return Xe!==void 0?Xe.createHTML(s):s}var Ft=(a,s)=>{let e=a.length-1,t=[],o,n=s===2?"<svg>":s===3?"<math>":"",r=te;for(let i=0;i<e;i++){let d=a[i],c,g,m=-1,A=0;for(;A<d.length&&(r.lastIndex=A,g=r.exec(d),g!==null);)A=r.lastIndex,r===te?g[1]==="!--"?r=Ge:g[1]!==void 0?r=et:g[2]!==void 0?(rt.test(g[2])&&(o=RegExp("</"+g[2],"g")),r=U):g[3]!==void 0&&(r=U):r===U?g[0]===">"?(r=o??te,m=-1):g[1]===void 0?m=-2:(m=r.lastIndex-g[2].length,c=g[1],r=g[3]===void 0?U:g[3]==='"'?st:tt):r===st||r===tt?r=U:r===Ge||r===et?r=te:(r=U,o=void 0);let T=r===U&&a[i+1].startsWith("/>")?" ":"";n+=r===te?d+Bt:m>=0?(t.push(c),d.slice(0,m)+nt+d.slice(m)+L+T):d+L+(m===-2?i:T)}return[it(a,n+(a[e]||"<?>")+(s===2?"</svg>":s===3?"</math>":"")),t]},ne=class a{constructor({strings:s,_$litType$:e},t){let o;this.parts=[];let n=0,r=0,i=s.length-1,d=this.parts,[c,g]=Ft(s,e);if(this.el=a.createElement(c,t),B.currentNode=this.el.content,e===2||e===3){let m=this.el.content.firstChild;m.replaceWith(...m.childNodes)}for(;(o=B.nextNode())!==null&&d.length<i;){if(o.nodeType===1){if(o.hasAttributes())for(let m of o.getAttributeNames())if(m.endsWith(nt)){let A=g[r++],T=o.getAttribute(m).split(L),V=/([.?@])?(.*)/.exec(A);d.push({type:1,index:n,name:V[2],strings:T,ctor:V[1]==="."?Se:V[1]==="?"?Te:V[1]==="@"?Ce:Y}),o.removeAttribute(m)}else m.startsWith(L)&&(d.push({type:6,index:n}),o.removeAttribute(m));if(rt.test(o.tagName)){let m=o.textContent.split(L),A=m.length-1;if(A>0){o.textContent=fe?fe.emptyScript:"";for(let T=0;T<A;T++)o.append(m[T],se()),B.nextNode(),d.push({type:2,index:++n});o.append(m[A],se())}}}else if(o.nodeType===8)if(o.data===at)d.push({type:2,index:n});else{let m=-1;for(;(m=o.data.indexOf(L,m+1))!==-1;)d.push({type:7,index:n}),m+=L.length-1}n++}}static createElement(s,e){let t=W.createElement("template");return t.innerHTML=s,t}};function K(a,s,e=a,t){if(s===F)return s;let o=t!==void 0?e._$Co?.[t]:e._$Cl,n=oe(s)?void 0:s._$litDirective$;return o?.constructor!==n&&(o?._$AO?.(!1),n===void 0?o=void 0:(o=new n(a),o._$AT(a,e,t)),t!==void 0?(e._$Co??=[])[t]=o:e._$Cl=o),o!==void 0&&(s=K(a,o._$AS(a,s.values),o,t)),s}var Ae=class{constructor(s,e){this._$AV=[],this._$AN=void 0,this._$AD=s,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(s){let{el:{content:e},parts:t}=this._$AD,o=(s?.creationScope??W).importNode(e,!0);B.currentNode=o;let n=B.nextNode(),r=0,i=0,d=t[0];for(;d!==void 0;){if(r===d.index){let c;d.type===2?c=new ae(n,n.nextSibling,this,s):d.type===1?c=new d.ctor(n,d.name,d.strings,this,s):d.type===6&&(c=new Ie(n,this,s)),this._$AV.push(c),d=t[++i]}r!==d?.index&&(n=B.nextNode(),r++)}return B.currentNode=W,o}p(s){let e=0;for(let t of this._$AV)t!==void 0&&(t.strings!==void 0?(t._$AI(s,t,e),e+=t.strings.length-2):t._$AI(s[e])),e++}},ae=class a{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(s,e,t,o){this.type=2,this._$AH=h,this._$AN=void 0,this._$AA=s,this._$AB=e,this._$AM=t,this.options=o,this._$Cv=o?.isConnected??!0}get parentNode(){let s=this._$AA.parentNode,e=this._$AM;return e!==void 0&&s?.nodeType===11&&(s=e.parentNode),s}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(s,e=this){s=K(this,s,e),oe(s)?s===h||s==null||s===""?(this._$AH!==h&&this._$AR(),this._$AH=h):s!==this._$AH&&s!==F&&this._(s):s._$litType$!==void 0?this.$(s):s.nodeType!==void 0?this.T(s):Wt(s)?this.k(s):this._(s)}O(s){return this._$AA.parentNode.insertBefore(s,this._$AB)}T(s){this._$AH!==s&&(this._$AR(),this._$AH=this.O(s))}_(s){this._$AH!==h&&oe(this._$AH)?this._$AA.nextSibling.data=s:this.T(W.createTextNode(s)),this._$AH=s}$(s){let{values:e,_$litType$:t}=s,o=typeof t=="number"?this._$AC(s):(t.el===void 0&&(t.el=ne.createElement(it(t.h,t.h[0]),this.options)),t);if(this._$AH?._$AD===o)this._$AH.p(e);else{let n=new Ae(o,this),r=n.u(this.options);n.p(e),this.T(r),this._$AH=n}}_$AC(s){let e=ot.get(s.strings);return e===void 0&&ot.set(s.strings,e=new ne(s)),e}k(s){Re(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,t,o=0;for(let n of s)o===e.length?e.push(t=new a(this.O(se()),this.O(se()),this,this.options)):t=e[o],t._$AI(n),o++;o<e.length&&(this._$AR(t&&t._$AB.nextSibling,o),e.length=o)}_$AR(s=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);s!==this._$AB;){let t=Je(s).nextSibling;Je(s).remove(),s=t}}setConnected(s){this._$AM===void 0&&(this._$Cv=s,this._$AP?.(s))}},Y=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(s,e,t,o,n){this.type=1,this._$AH=h,this._$AN=void 0,this.element=s,this.name=e,this._$AM=o,this.options=n,t.length>2||t[0]!==""||t[1]!==""?(this._$AH=Array(t.length-1).fill(new String),this.strings=t):this._$AH=h}_$AI(s,e=this,t,o){let n=this.strings,r=!1;if(n===void 0)s=K(this,s,e,0),r=!oe(s)||s!==this._$AH&&s!==F,r&&(this._$AH=s);else{let i=s,d,c;for(s=n[0],d=0;d<n.length-1;d++)c=K(this,i[t+d],e,d),c===F&&(c=this._$AH[d]),r||=!oe(c)||c!==this._$AH[d],c===h?s=h:s!==h&&(s+=(c??"")+n[d+1]),this._$AH[d]=c}r&&!o&&this.j(s)}j(s){s===h?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,s??"")}},Se=class extends Y{constructor(){super(...arguments),this.type=3}j(s){this.element[this.name]=s===h?void 0:s}},Te=class extends Y{constructor(){super(...arguments),this.type=4}j(s){this.element.toggleAttribute(this.name,!!s&&s!==h)}},Ce=class extends Y{constructor(s,e,t,o,n){super(s,e,t,o,n),this.type=5}_$AI(s,e=this){if((s=K(this,s,e,0)??h)===F)return;let t=this._$AH,o=s===h&&t!==h||s.capture!==t.capture||s.once!==t.once||s.passive!==t.passive,n=s!==h&&(t===h||o);o&&this.element.removeEventListener(this.name,this,t),n&&this.element.addEventListener(this.name,this,s),this._$AH=s}handleEvent(s){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,s):this._$AH.handleEvent(s)}},Ie=class{constructor(s,e,t){this.element=s,this.type=6,this._$AN=void 0,this._$AM=e,this.options=t}get _$AU(){return this._$AM._$AU}_$AI(s){K(this,s)}};var qt=Ee.litHtmlPolyfillSupport;qt?.(ne,ae),(Ee.litHtmlVersions??=[]).push("3.3.3");var dt=(a,s,e)=>{let t=e?.renderBefore??s,o=t._$litPart$;if(o===void 0){let n=e?.renderBefore??null;t._$litPart$=o=new ae(s.insertBefore(se(),n),n,void 0,e??{})}return o._$AI(a),o};var Pe=globalThis,v=class extends O{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let s=super.createRenderRoot();return this.renderOptions.renderBefore??=s.firstChild,s}update(s){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(s),this._$Do=dt(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return F}};v._$litElement$=!0,v.finalized=!0,Pe.litElementHydrateSupport?.({LitElement:v});var jt=Pe.litElementPolyfillSupport;jt?.({LitElement:v});(Pe.litElementVersions??=[]).push("4.2.2");var Vt={attribute:!0,type:String,converter:ee,reflect:!1,hasChanged:ge},Kt=(a=Vt,s,e)=>{let{kind:t,metadata:o}=e,n=globalThis.litPropertyMetadata.get(o);if(n===void 0&&globalThis.litPropertyMetadata.set(o,n=new Map),t==="setter"&&((a=Object.create(a)).wrapped=!0),n.set(e.name,a),t==="accessor"){let{name:r}=e;return{set(i){let d=s.get.call(this);s.set.call(this,i),this.requestUpdate(r,d,a,!0,i)},init(i){return i!==void 0&&this.C(r,void 0,a,i),i}}}if(t==="setter"){let{name:r}=e;return function(i){let d=this[r];s.call(this,i),this.requestUpdate(r,d,a,!0,i)}}throw Error("Unsupported decorator location: "+t)};function u(a){return(s,e)=>typeof e=="object"?Kt(a,s,e):((t,o,n)=>{let r=o.hasOwnProperty(n);return o.constructor.createProperty(n,t),r?Object.getOwnPropertyDescriptor(o,n):void 0})(a,s,e)}function y(a){return u({...a,state:!0,attribute:!1})}var q=(a,s,e)=>(e.configurable=!0,e.enumerable=!0,Reflect.decorate&&typeof s!="object"&&Object.defineProperty(a,s,e),e);function lt(a,s){return(e,t,o)=>{let n=r=>r.renderRoot?.querySelector(a)??null;if(s){let{get:r,set:i}=typeof t=="object"?e:o??(()=>{let d=Symbol();return{get(){return this[d]},set(c){this[d]=c}}})();return q(e,t,{get(){let d=r.call(this);return d===void 0&&(d=n(this),(d!==null||this.hasUpdated)&&i.call(this,d)),d}})}return q(e,t,{get(){return n(this)}})}}function E(a,s){let e=()=>{window.customElements.get(a)||window.customElements.define(a,s)};e();let t=window.customElements;t.whenDefined("home-assistant").then(()=>{window.customElements!==t&&e()})}function Oe(a,s=!1){s?history.replaceState(history.state,"",a):history.pushState(null,"",a),window.dispatchEvent(new CustomEvent("location-changed",{detail:{replace:s}}))}function $(a,s,e){a.dispatchEvent(new CustomEvent(s,{detail:e,bubbles:!0,composed:!0}))}var S="guest-pins-navigate";function D(a,s){if(a.size!==1||!a.has("hass"))return!1;let e=a.get("hass");return!!e&&!!s&&e.localize===s.localize&&e.language===s.language&&e.locale===s.locale}function ye(a,s){return l`<button class="back btn small" @click=${()=>$(a,S,{path:""})}>
    <span aria-hidden="true">←</span> ${s}
  </button>`}var Le={message:{guest:"{% if replaces %}This replaces the door code we sent earlier. {% endif %}Hello {{ guest }}, your door code for {{ property }}{% if code %} is {{ code }}{% else %}:{% for key in codes %} {{ key.lock }} {{ key.code }}{{ ',' if not loop.last }}{% endfor %}{% endif %}. It works from {{ checkin }} until {{ checkout }}.{% if backup %} (This code was set aside for you because your own code could not be confirmed on every lock.){% endif %}",guest_title:"{{ property }}: your door code",host_title:"{{ property }}: door code for {{ guest }}{% if reference %} ({{ reference }}){% endif %}, {{ checkin }}"},logbook:{who_guest:"{name} (guest)",who_backup:"{name} (guest, backup code)",who_static:"{name} (static PIN)",who_manual:"Manual code",who_spare_backup:"Backup code",who_idle_backup:"Someone (a backup code nobody was given)",who_unknown:"Someone (an unknown code)",opened:"opened {lock}",opened_outside:"opened {lock} outside that code's time",code_on:"code put on {lock}",code_off:"code removed from {lock}",checked_in:"checked in",checked_out:"checked out",status:"stay now: {status}",reminder:"arrives in {hours} h",check_ready:"check before arrival: the code works on every lock",check_not_ready:"check before arrival: the code is not confirmed on {locks}",code_sent:"was sent the door code ({channel})",code_resent:"was sent a new door code that replaces the earlier one ({channel})",backup_handed_out:"was given the backup code for {lock}",delivery_failed:"could not be sent the door code ({channel})",door_opened:"had {lock} opened remotely",missing_code:"has no code on {lock} yet, close to check-in",collision:"would have had the same code as {other} on {lock}",collision_moved:"would have had the same code as {other} on {lock}; got another code",write_failed:"keeps failing to take a code (slot {slot})",capacity_exceeded:"has no free slot for {count} codes",missed_while_down:"{count} steps fell due while Home Assistant was stopped",channel_host:"host",channel_sms:"SMS",channel_email:"e-mail",guest:"Guest",channel_beds24:"Beds24",channel_lodgify:"Lodgify"},panel:{title:"Guest PINs",menu:"Open the sidebar",property:"Property",views:"Views",tab_timeline:"Timeline",tab_alerts:"Alerts ({count})",loading:"Loading…",admin_only:"Only administrators can use this panel.",no_property:"No property is set up yet. Add one under Settings → Devices & services → Add integration → Guest PINs.",error_unauthorized:"Only administrators can do this.",error_unknown:"Something went wrong. Try again.",guest:"Guest",removed_lock:"A removed lock",back_to_timeline:"Back to the timeline",period:"Period",today:"Today",previous_day:"Previous day",next_day:"Next day",previous_week:"Previous week",next_week:"Next week",previous_month:"Previous month",next_month:"Next month",zoom:"Zoom",zoom_day:"Day",zoom_week:"Week",zoom_month:"Month",now:"Now",no_locks:"This property has no locks yet. Add one from the property's page under Settings → Devices & services.",lock_button_label:"{lock}, {status}: open the lock",stay_bar_label:"{guest}, {range}, {state}",static_bar_label:"{name} (static PIN), {range}",backup_bar_label:"Backup code handed to {guest}, works until {until}",legend:"Legend",legend_more:"What the colours mean",legend_static:"Static PIN",legend_static_help:"A code that is not a guest's (a cleaner, a family member), shown when it works.",legend_backup:"Thin bar at the top of a lock",legend_backup_help:"That lock's backup code was handed to a guest; it works for them until the end shown.",bar_state_scheduled:"Scheduled",bar_state_scheduled_help:"The code is not due on the lock yet.",bar_state_queued:"Queued",bar_state_queued_help:"The code waits in the lock's queue to be written.",bar_state_on_lock:"On the lock",bar_state_on_lock_help:"The code was written; this lock cannot confirm it.",bar_state_confirmed:"Confirmed",bar_state_confirmed_help:"The lock confirmed the code, or it was read back.",bar_state_failing:"Failing",bar_state_failing_help:"Writing the code keeps failing, or the lock cannot be reached close to check-in.",bar_state_backup:"Backup code",bar_state_backup_help:"The guest was given this lock's backup code.",bar_state_checked_in:"Checked in",bar_state_checked_in_help:"The guest has used their code.",bar_state_ended:"Ended",bar_state_ended_help:"The time the code works is over.",lock_status_online:"Online",lock_status_asleep:"Asleep (takes changes when it wakes)",lock_status_offline:"Offline",lock_status_no_path:"No code path",stay_status_booked:"Booked",stay_status_code_ready:"Code ready",stay_status_code_sent:"Code sent",stay_status_checked_in:"Checked in",stay_status_checked_out:"Checked out",stay_status_cancelled:"Cancelled",stay_not_found:"This stay is not in the period shown. Go back to the timeline and find it there.",booking:"Booking",reference:"Booking reference",calendars:"Calendars",checkin:"Check-in",checkout:"Check-out",code_window:"The code works",status:"Status",none:"None",door_code:"Door code",code_hidden:"Code hidden",reveal:"Reveal",hide:"Hide",reveal_hint:"The code is hidden again after 30 seconds.",code_on_lock:"On {lock}: {code}",backup_on_lock:"Backup code for {lock}: {code}",method_custom:"You chose this code.",method_regenerated:"A new random code, made when you asked for one.",method_phone:"Made from the last digits of the guest's phone number.",method_description:"Taken from the booking's description.",method_date:"Made from the booking's dates.",frozen_yes:"It has reached a lock or the guest, so it no longer changes by itself.",frozen_no:"It may still change by itself until it reaches a lock or the guest.",regenerate:"Regenerate",regenerate_stay_started:"This stay has started: its code stays as it is, so a guest who is inside or on the way is never locked out.",regenerate_ends_within_a_day:"A new code can only be made for a stay that ends more than a day from now.",regenerate_confirm:"Give {guest} a new code? The current code stops working once the new one is on the locks.",regenerate_yes:"Make a new code",regenerate_done:"{guest} has a new code. It goes onto the locks and out to the guest.",cancel:"Cancel",set_code:"Set your own code",set_code_label:"New code (4 to 8 digits)",set_code_help:"Only digits. The code goes onto the locks and out to the guest.",set_code_invalid:"Enter a code of 4 to 8 digits.",set_code_done:"Your code for {guest} is saved.",save:"Save",resend:"Resend",resend_done:"The keys of {guest} are being sent again.",on_the_locks:"On the locks",lock:"Lock",state:"State",actions:"Actions",apply_now:"Apply now",apply_now_done:"Waiting changes are being written to {lock} now.",delivery:"Messages to the guest",channel:"Channel",to:"To",sent_at:"Sent",channel_host:"You (the host)",channel_sms:"SMS",channel_email:"E-mail",delivery_waiting:"Waiting",delivery_sent:"Sent",delivery_failing:"Failing",no_delivery:"No message goes out for this stay.",not_yet:"Not yet",use:"Use",first_use:"First use",access_log:"Access log",when:"When",who:"Who",who_guest:"{name} (guest)",who_backup:"{name} (guest, backup code)",who_static:"{name} (static PIN)",who_manual:"A manual code",who_idle_backup:"Someone (a backup code nobody was given)",who_unknown:"Someone (an unknown code)",no_access:"Nobody has opened a lock with this stay's codes yet.",lock_not_found:"This lock is not part of the property any more.",lock_health:"Lock",last_seen:"Last report",never:"Never",battery:"Battery",battery_value:"{level} %",battery_low_value:"{level} % (low)",battery_unknown:"No battery reading",transactions_week:"Transactions this week",wakeups_week:"Wake-ups this week",slots_used:"Slots in use",slots_used_value:"{used} of {count}",code_times:"Code times",native_windows_yes:"The lock itself limits each code to its time.",native_windows_no:"Guest PINs puts each code on the lock and takes it off on time.",slots:"Slots",slot:"Slot",whose:"Whose",kind:"Kind",code:"Code",since:"Since",unknown:"Unknown",reveal_slot:"Reveal the code in slot {slot}",no_slots:"Guest PINs has no code on this lock.",kind_guest:"Guest",kind_static:"Static PIN",kind_manual:"Manual code",kind_backup:"Backup code",kind_other:"Other code",kind_empty:"Emptying the slot",queue:"Waiting for the lock",queue_empty:"Nothing waits for this lock.",queue_summary_one:"{count} change waits to be written.",queue_summary_other:"{count} changes wait to be written.",due:"Due by",why:"Why it waits",attempts:"Failed attempts",retry_at:"Next try: {time}",reason_batching:"Waits to be written together with other changes",reason_scheduled:"Written when its time comes",reason_lock_unreachable:"The lock cannot be reached",reason_waiting_for_wake_up:"Waits for the lock to wake up",reason_retrying:"Tried again after a failed write",backups:"Backup codes",handed_to:"Handed to",handed_to_until:"{guest}, until {until}",nobody:"Nobody",no_backups:"This lock has no backup codes.",backup_idle:"Ready, not handed out",backup_handed_out:"Handed out",backup_not_on_lock:"Not on the lock yet",alerts_title:"Open problems",alert_untitled:"A problem needs your attention",no_alerts:"No open problems.",severity_warning:"Warning",severity_error:"Error",open_lock:"Open {lock}"},card:{title:"Guest PINs",description:"Who is staying, the next arrival and whether its door code is ready, for one lock.",error_no_entity:"Choose the stay status sensor of a lock (sensor.<lock>_stay_status) as the card's entity.",entity_missing:"The entity {entity} is not available.",editor_entity:"Stay status sensor of a lock",editor_title:"Title (optional)",stay_status_name:"Stay status",guest:"Guest",now_in:"Staying now",nobody:"Nobody",next_arrival:"Next arrival",next_arrival_value:"{guest}, {time}",no_arrival:"None booked",code:"Door code",lock_key:"{lock}: {state}",key_state_ready:"ready",key_state_waiting:"not on the lock yet",key_state_backup:"backup code given",key_state_scheduled:"not due yet",key_state_queued:"waiting to be written",key_state_on_lock:"on the lock",key_state_confirmed:"confirmed",key_state_failing:"failing",key_state_checked_in:"used",key_state_ended:"ended",key_state_other:"unknown",alerts:"Open problems",alerts_count_one:"{count} open problem",alerts_count_other:"{count} open problems",alert_untitled:"A problem needs your attention",no_alerts:"No open problems.",open_panel:"Open Guest PINs",lock_status_online:"Online",lock_status_asleep:"Asleep (takes changes when it wakes)",lock_status_offline:"Offline",lock_status_no_path:"No code path",stay_status_booked:"Booked",stay_status_code_ready:"Code ready",stay_status_code_sent:"Code sent",stay_status_checked_in:"Checked in",stay_status_checked_out:"Checked out",stay_status_cancelled:"Cancelled"}};var De="guest_pins",Z=`component.${De}`,ct={panel:Le.panel,card:Le.card},Zt=["config_panel","issues","exceptions","entity"],Qt=8;function ht(a,s){return s?a.replace(/\{([a-z0-9_]+)\}/gi,(e,t)=>t in s?String(s[t]):e):a}var b=class{constructor(s,e){this.hass=s;this.scope=e}pluralCategory(s){try{return new Intl.PluralRules(be(this.hass)).select(s)}catch{return s===1?"one":"other"}}t(s,e){let t=this.hass.localize(`${Z}.config_panel.${this.scope}.${s}`,e);if(t)return t;let o=ct[this.scope][s];return o===void 0?s:ht(o,e)}tn(s,e,t){let o={...t,count:e};for(let r of[`${s}_${this.pluralCategory(e)}`,`${s}_other`]){let i=this.hass.localize(`${Z}.config_panel.${this.scope}.${r}`,o);if(i)return i}let n=ct[this.scope][e===1?`${s}_one`:`${s}_other`];return n===void 0?s:ht(n,o)}stayStatus(s){return this.hass.localize(`${Z}.entity.sensor.stay_status.state.${s}`)||this.t(`stay_status_${s}`)}lockStatus(s){return this.hass.localize(`${Z}.entity.sensor.status.state.${s}`)||this.t(`lock_status_${s}`)}issue(s,e,t){let o=this.hass.localize(`${Z}.issues.${s}.${t}`,e);return o||(t==="title"?this.t("alert_untitled"):"")}error(s){let e=typeof s=="object"&&s!==null?s:{};if(e.code==="unauthorized")return this.t("error_unauthorized");if(e.translation_key){let t=e.translation_domain||De,o=this.hass.localize(`component.${t}.exceptions.${e.translation_key}.message`,e.translation_placeholders);if(o)return o}return typeof e.message=="string"&&e.message?e.message:this.t("error_unknown")}};function be(a){return a.locale?.language||a.language||"en"}var _e=class{constructor(s){this.host=s;this.loading=!1;this.reloads=0;this.revision=0;s.addController(this)}hostUpdate(){let s=this.host.hass;if(!s||this.loading)return;let e=!s.localize(`${Z}.config_panel.panel.title`);if(s.language===this.loadedFor&&!(e&&this.reloads<Qt))return;s.language===this.loadedFor?this.reloads+=1:this.reloads=0;let t=s.language;this.loadedFor=t,this.loading=!0,Promise.all(Zt.map(o=>s.loadBackendTranslation?.(o,De))).catch(()=>{}).then(()=>{this.loading=!1,this.loadedFor===t&&(this.revision+=1,this.host.requestUpdate())})}};var R=w`
  :host {
    display: block;
    color: var(--primary-text-color);
    font-family: var(--ha-font-family-body, var(--paper-font-body1_-_font-family, Roboto, "Noto Sans", sans-serif));
    font-size: 14px;
    line-height: 1.4;
    -webkit-font-smoothing: antialiased;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    font-weight: 500;
    margin: 0;
  }
  h2 {
    font-size: 20px;
  }
  h3 {
    font-size: 16px;
    margin: 0 0 8px;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:disabled {
    cursor: default;
    opacity: 0.5;
  }
  :focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 2px;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 36px;
    padding: 6px 14px;
    border-radius: 18px;
    border: 1px solid var(--divider-color);
    background: var(--card-background-color);
    color: var(--primary-color);
    font-weight: 500;
  }
  .btn:hover:not(:disabled) {
    background: color-mix(in srgb, var(--primary-color) 10%, var(--card-background-color));
  }
  .btn.primary {
    background: var(--primary-color);
    border-color: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  .btn.primary:hover:not(:disabled) {
    background: var(--primary-color);
    filter: brightness(1.08);
  }
  .btn.danger {
    color: var(--error-color);
  }
  .btn.small {
    min-height: 30px;
    padding: 3px 10px;
    font-size: 13px;
  }
  .card {
    background: var(--ha-card-background, var(--card-background-color, #fff));
    border: var(--ha-card-border-width, 1px) solid var(--ha-card-border-color, var(--divider-color, #e0e0e0));
    border-radius: var(--ha-card-border-radius, 12px);
    box-shadow: var(--ha-card-box-shadow, none);
    padding: 16px;
  }
  .muted {
    color: var(--secondary-text-color);
  }
  .message {
    margin: 8px 0;
    padding: 8px 12px;
    border-radius: 8px;
    border-left: 4px solid;
  }
  .message.error {
    border-color: var(--error-color);
    background: color-mix(in srgb, var(--error-color) 12%, var(--card-background-color));
  }
  .message.success {
    border-color: var(--success-color);
    background: color-mix(in srgb, var(--success-color) 12%, var(--card-background-color));
  }
  .message.warning {
    border-color: var(--warning-color);
    background: color-mix(in srgb, var(--warning-color) 12%, var(--card-background-color));
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 6px 8px;
    border-bottom: 1px solid var(--divider-color);
    vertical-align: middle;
  }
  th {
    color: var(--secondary-text-color);
    font-weight: 500;
    font-size: 13px;
  }
  .table-wrap {
    overflow-x: auto;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 6px 16px;
    margin: 0;
  }
  dl.facts dt {
    color: var(--secondary-text-color);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .code {
    font-family: var(--ha-font-family-code, ui-monospace, "Roboto Mono", monospace);
    letter-spacing: 0.15em;
  }
  .dot {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    flex: none;
    background: var(--secondary-text-color);
  }
  .dot.online {
    background: var(--success-color, #43a047);
  }
  .dot.asleep {
    background: var(--info-color, #039be5);
  }
  .dot.offline,
  .dot.no_path {
    background: var(--error-color, #db4437);
  }
  /* A round "!" before a text that needs attention (--flag: its colour). */
  .flag::before {
    content: "!";
    display: inline-flex;
    align-items: center;
    justify-content: center;
    flex: none;
    width: 16px;
    height: 16px;
    margin-inline-end: 6px;
    border-radius: 50%;
    background: var(--flag, var(--warning-color, #ffa600));
    color: var(--flag-text, #000);
    font-size: 11px;
    font-weight: 700;
  }
  .flag.bad {
    --flag: var(--error-color, #db4437);
    --flag-text: #fff;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .sections {
    display: grid;
    gap: 16px;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr));
    align-items: start;
  }
  .sections > .wide {
    grid-column: 1 / -1;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    border: 1px solid currentColor;
  }
  @media (max-width: 600px) {
    table.stack thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    table.stack,
    table.stack tbody,
    table.stack tr {
      display: block;
    }
    table.stack tr {
      border-bottom: 1px solid var(--divider-color);
      padding: 6px 0;
    }
    table.stack td {
      display: grid;
      grid-template-columns: minmax(6em, 38%) 1fr;
      gap: 8px;
      align-items: baseline;
      border: none;
      padding: 3px 0;
      text-align: start;
    }
    table.stack td > * {
      justify-self: start;
    }
    table.stack td::before {
      content: attr(data-label);
      color: var(--secondary-text-color);
      font-size: 13px;
    }
    dl.facts {
      grid-template-columns: 1fr;
      gap: 0;
    }
    dl.facts dd {
      margin-bottom: 8px;
    }
  }
`,ve=w`
  .state-scheduled {
    --bar: var(--secondary-text-color, #727272);
  }
  .state-queued {
    --bar: var(--info-color, #039be5);
  }
  .state-on_lock {
    --bar: var(--success-color, #43a047);
  }
  .state-confirmed {
    --bar: var(--success-color, #43a047);
  }
  .state-failing {
    --bar: var(--error-color, #db4437);
  }
  .state-backup {
    --bar: var(--warning-color, #ffa600);
  }
  .state-checked_in {
    --bar: var(--primary-color, #03a9f4);
  }
  .state-ended {
    --bar: var(--disabled-text-color, #9e9e9e);
  }
  .fill {
    background: color-mix(in srgb, var(--bar) 28%, var(--card-background-color, #fff));
    border: 1px solid var(--bar);
    border-left-width: 4px;
  }
  .fill.state-scheduled {
    background: transparent;
    border-style: dashed;
    border-left-style: solid;
  }
  .fill.state-queued,
  .fill.state-on_lock {
    background: repeating-linear-gradient(
      135deg,
      color-mix(in srgb, var(--bar) 30%, var(--card-background-color, #fff)) 0 6px,
      color-mix(in srgb, var(--bar) 12%, var(--card-background-color, #fff)) 6px 12px
    );
  }
  .fill.state-ended {
    opacity: 0.75;
  }
`,re={scheduled:"○",queued:"…",on_lock:"↑",confirmed:"✓",failing:"!",backup:"◆",checked_in:"●",ended:"–"};var pt={error:0,warning:1},Q=class extends v{constructor(){super(...arguments);this.revision=0}shouldUpdate(e){return!D(e,this.hass)}render(){let{hass:e,overview:t}=this;if(!e||!t)return h;let o=new b(e,"panel"),n=[...t.alerts].sort((r,i)=>pt[r.severity]-pt[i.severity]);return l`
      <h2>${o.t("alerts_title")}</h2>
      ${n.length?l`<ul class="alerts">
            ${n.map(r=>{let i=r.lock_id?t.locks.find(c=>c.id===r.lock_id):void 0,d=o.issue(r.kind,r.placeholders,"description");return l`<li class="card alert ${r.severity}" data-testid="alert" data-kind=${r.kind}>
                <div class="head">
                  <span class="chip severity">
                    <span class="icon" aria-hidden="true">${r.severity==="error"?"✕":"!"}</span>
                    ${o.t(`severity_${r.severity}`)}
                  </span>
                  <h3>${o.issue(r.kind,r.placeholders,"title")}</h3>
                </div>
                ${d?l`<p>${d}</p>`:h}
                ${i?l`<button class="btn small" data-testid="alert-lock" @click=${()=>$(this,S,{path:`/lock/${encodeURIComponent(i.id)}`})}>
                      ${o.t("open_lock",{lock:i.name})}
                    </button>`:h}
              </li>`})}
          </ul>`:l`<p class="card muted" data-testid="no-alerts">${o.t("no_alerts")}</p>`}
    `}static{this.styles=[R,w`
    h2 { margin: 4px 0 12px; }
    .alerts { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
    .alert { border-left: 6px solid var(--warning-color); }
    .alert.error { border-left-color: var(--error-color); }
    .head { display: flex; flex-direction: column; align-items: flex-start; gap: 6px; }
    .head h3 { margin: 0; }
    .severity { font-weight: 500; border-color: var(--warning-color); }
    .severity .icon {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 14px;
      height: 14px;
      border-radius: 50%;
      font-size: 10px;
      font-weight: 700;
      background: var(--warning-color);
      color: #000;
    }
    .error .severity { border-color: var(--error-color); }
    .error .severity .icon { background: var(--error-color); color: #fff; }
    p { margin: 8px 0 12px; color: var(--secondary-text-color); }
  `]}};p([u({attribute:!1})],Q.prototype,"hass",2),p([u({attribute:!1})],Q.prototype,"overview",2),p([u({attribute:!1})],Q.prototype,"revision",2);E("guest-pins-alerts-view",Q);var gt=["day","week","month"],ie=864e5,ut=["sunday","monday","tuesday","wednesday","thursday","friday","saturday"],mt=new Map;function Jt(a){let s=mt.get(a);return s||(s=new Intl.DateTimeFormat("en-US",{timeZone:a,hourCycle:"h23",year:"numeric",month:"numeric",day:"numeric",hour:"numeric",minute:"numeric",second:"numeric"}),mt.set(a,s)),s}function de(a,s){let e={};for(let t of Jt(s).formatToParts(a))t.type!=="literal"&&(e[t.type]=Number(t.value));return Date.UTC(e.year,e.month-1,e.day,e.hour%24,e.minute,e.second)}function ze(a,s){let e=new Date(de(a,s));return{year:e.getUTCFullYear(),month:e.getUTCMonth()+1,day:e.getUTCDate()}}function le(a,s,e=0,t=0){let o=Date.UTC(a.year,a.month-1,a.day,e,t),n=o-(de(o-ie,s)-(o-ie)),r=o-(de(o+ie,s)-(o+ie)),i=[n,r].filter(d=>de(d,s)===o);return i.length?Math.min(...i):Math.max(n,r)}function Xt(a,s,e){return de(le(a,s,e),s)===Date.UTC(a.year,a.month-1,a.day,e)}function J(a,s){let e=new Date(Date.UTC(a.year,a.month-1,a.day)+s*ie);return{year:e.getUTCFullYear(),month:e.getUTCMonth()+1,day:e.getUTCDate()}}function ft(a,s){let e=new Date(Date.UTC(a.year,a.month-1+s,1));return{year:e.getUTCFullYear(),month:e.getUTCMonth()+1,day:1}}function Gt(a){return new Date(Date.UTC(a.year,a.month-1,a.day)).getUTCDay()}function yt(a){let s=a.locale?.first_weekday;if(s&&ut.includes(s))return ut.indexOf(s);if(s==="language")try{let e=new Intl.Locale(be(a)),t=e.getWeekInfo?.()??e.weekInfo;if(t)return t.firstDay%7}catch{}return 1}function _t(a,s,e,t){let o=s,n;return a==="day"?n=J(o,1):a==="week"?(o=J(s,-((Gt(s)-t+7)%7)),n=J(o,7)):(o={...s,day:1},n=ft(o,1)),{zoom:a,from:o,start:le(o,e),end:le(n,e)}}function bt(a,s,e){return a==="day"?J(s,e):a==="week"?J(s,7*e):ft(s,e)}var z=class a{constructor(s,e){this.timeZone=e;this.cache=new Map;this.lang=be(s);let t=s.locale?.time_format;this.hourOptions=t==="12"?{hour12:!0}:t==="24"?{hourCycle:"h23"}:t==="system"?es():{}}format(s,e){let t=this.cache.get(s);if(!t){let o=e.hour?{...e,...this.hourOptions}:e;try{t=new Intl.DateTimeFormat(this.lang,{...o,timeZone:this.timeZone})}catch{t=new Intl.DateTimeFormat(this.lang,o)}this.cache.set(s,t)}return t}static ms(s){return typeof s=="number"?s:Date.parse(s)}dateTime(s){return this.format("dt",{weekday:"short",day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}).format(a.ms(s))}shortDateTime(s){return this.format("sdt",{day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}).format(a.ms(s))}range(s,e){let t=this.format("sdt",{day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}),o=a.ms(s),n=a.ms(e);return n>=o?t.formatRange(o,n):`${t.format(o)} – ${t.format(n)}`}spanTitle(s){return s.zoom==="day"?this.format("day",{weekday:"long",day:"numeric",month:"long",year:"numeric"}).format(s.start):s.zoom==="month"?this.format("month",{month:"long",year:"numeric"}).format(s.start):this.format("week",{day:"numeric",month:"short",year:"numeric"}).formatRange(s.start,s.end-1)}ticks(s,e){let t=[];if(s.zoom==="day"){let n=this.format("hour",{hour:"numeric",minute:"2-digit"}),r=e?6:2;for(let i=0;i<24;i+=r){if(!Xt(s.from,this.timeZone,i))continue;let d=le(s.from,this.timeZone,i);d>=s.start&&d<s.end&&t.push({ms:d,label:n.format(d),major:i===0})}return t}let o=s.zoom==="week"?this.format(e?"wd-n":"wd",e?{weekday:"narrow",day:"numeric"}:{weekday:"short",day:"numeric"}):this.format("d",{day:"numeric"});for(let n=s.from,r=0;r<32;n=J(n,1),r++){let i=le(n,this.timeZone);if(i>=s.end)break;let d=s.zoom==="month"&&e?7:1;t.push({ms:i,label:r%d===0?o.format(i):"",major:!0})}return t}};function es(){let a=new Intl.DateTimeFormat(void 0,{hour:"numeric"}).resolvedOptions().hourCycle;return a?{hourCycle:a}:{}}function H(a,s,e){return l`<div class="table-wrap"><table class="stack" data-testid=${e??h}>
    <thead><tr>
      ${a.map(t=>t.hidden?l`<th scope="col"><span class="visually-hidden">${t.label}</span></th>`:l`<th scope="col">${t.label}</th>`)}
    </tr></thead>
    <tbody>
      ${s.map(t=>l`<tr data-key=${t.key??h}>
          ${t.cells.map((o,n)=>{let r=a[n];return l`<td class=${r?.hidden?"end":h} data-label=${r?.hidden?"":r?.label??""}>${o}</td>`})}
        </tr>`)}
    </tbody>
  </table></div>`}function j(...a){return a.map(s=>({label:s}))}var He=["scheduled","queued","on_lock","confirmed","failing","backup","checked_in","ended"];async function vt(a){return(await a.callWS({type:"guest_pins/properties"})).properties}function kt(a,s,e,t,o,n){let r={type:"guest_pins/subscribe",entry_id:s,start:e,end:t};return a.connection.subscribeMessage(n,o===void 0?r:{...r,stay_id:o},{resubscribe:!0})}function wt(a,s,e){return a.callWS({type:"guest_pins/reveal",entry_id:s,stay_id:e})}function $t(a,s,e,t){return a.callWS({type:"guest_pins/reveal_slot",entry_id:s,lock_id:e,slot:t})}async function xt(a,s,e){await a.callWS({type:"guest_pins/regenerate",entry_id:s,stay_id:e})}async function At(a,s,e,t){await a.callWS({type:"guest_pins/set_code",entry_id:s,stay_id:e,code:t})}async function St(a,s,e){await a.callWS({type:"guest_pins/resend",entry_id:s,stay_id:e})}async function ke(a,s,e){await a.callWS({type:"guest_pins/apply_now",entry_id:s,lock_id:e})}function Tt(a){return/^[0-9]{4,8}$/.test(a)}var Me=3e4,x=class extends v{constructor(){super(...arguments);this.revision=0;this.stayId="";this.confirming=!1;this.editing=!1}disconnectedCallback(){super.disconnectedCallback(),this.hide()}willUpdate(e){e.has("stayId")&&e.get("stayId")!==void 0&&(this.hide(),this.message=void 0,this.confirming=!1,this.editing=!1)}hide(){window.clearTimeout(this.revealTimer),this.revealTimer=void 0,this.revealed=void 0}lockName(e,t){return this.overview?.locks.find(o=>o.id===e)?.name??t.t("removed_lock")}async run(e,t,o){let n=new b(this.hass,"panel"),r=e==="apply_now"?"locks":"code";this.busy=e,this.message=void 0;try{await t(),this.message={kind:"success",text:o,where:r}}catch(i){this.message={kind:"error",text:n.error(i),where:r}}finally{this.busy=void 0}}async doReveal(e){let t=new b(this.hass,"panel");this.busy="reveal",this.message=void 0;try{this.revealed=await wt(this.hass,this.overview.entry_id,e.id),window.clearTimeout(this.revealTimer),this.revealTimer=window.setTimeout(()=>this.hide(),Me)}catch(o){this.message={kind:"error",text:t.error(o),where:"code"}}finally{this.busy=void 0}}async saveCode(e,t){let o=this.codeInput,n=o?.value.trim()??"";if(!Tt(n)){this.message={kind:"error",text:t.t("set_code_invalid"),where:"code"},o?.focus();return}await this.run("set_code",()=>At(this.hass,this.overview.entry_id,e.id,n),t.t("set_code_done",{guest:e.guest})),this.message?.kind==="success"&&(o&&(o.value=""),this.editing=!1,this.hide())}resendKeys(e,t){let o=t.t("resend_done",{guest:e.guest});return this.run("resend",()=>St(this.hass,this.overview.entry_id,e.id),o)}apply(e,t){let o=t.t("apply_now_done",{lock:this.lockName(e,t)});return this.run("apply_now",()=>ke(this.hass,this.overview.entry_id,e),o)}async open(e){this.confirming=e==="confirm",this.editing=e==="edit",this.message=void 0,await this.updateComplete;let t=e==="confirm"?'[data-testid="regenerate-confirm"]':e==="edit"?"#own-code":void 0;t&&this.renderRoot.querySelector(t)?.focus()}shouldUpdate(e){return!D(e,this.hass)}render(){let{hass:e,overview:t}=this;if(!e||!t)return h;let o=new b(e,"panel"),n=t.stays.find(d=>d.id===this.stayId),r=ye(this,o.t("back_to_timeline"));if(!n)return l`${r}<p class="message warning" role="status">${o.t("stay_not_found")}</p>`;let i=new z(e,t.time_zone);return l`
      ${r}
      <header>
        <h2>${n.guest}</h2>
        <span class="chip">${o.stayStatus(n.status)}</span>
      </header>
      <div class="sections">
        <section class="card" aria-labelledby="booking">
          <h3 id="booking">${o.t("booking")}</h3>
          <dl class="facts">
            <dt>${o.t("reference")}</dt>
            <dd>${n.reference??o.t("none")}</dd>
            <dt>${o.t("calendars")}</dt>
            <dd>${n.calendars.length?n.calendars.join(", "):o.t("none")}</dd>
            <dt>${o.t("checkin")}</dt>
            <dd>${i.dateTime(n.checkin)}</dd>
            <dt>${o.t("checkout")}</dt>
            <dd>${i.dateTime(n.checkout)}</dd>
            <dt>${o.t("code_window")}</dt>
            <dd>${i.range(n.window_start,n.window_end)}</dd>
            <dt>${o.t("status")}</dt>
            <dd>${o.stayStatus(n.status)}</dd>
          </dl>
        </section>
        ${this.renderCode(n,o)}
        ${this.renderLocks(n,o)}
        ${this.renderDelivery(n,o,i)}
        ${this.renderUse(n,o,i)}
      </div>
    `}renderMessage(e){let t=this.message;return!t||t.where!==e?h:t.kind==="error"?l`<p class="message error" role="alert" data-testid="error">${t.text}</p>`:l`<p class="message success" role="status" data-testid="success">${t.text}</p>`}renderCode(e,t){let o=this.revealed,n=o?[...Object.entries(o.lock_codes).map(([d,c])=>t.t("code_on_lock",{lock:this.lockName(d,t),code:c})),...Object.entries(o.backups).map(([d,c])=>t.t("backup_on_lock",{lock:this.lockName(d,t),code:c}))]:[],r=this.busy!==void 0,i=!o&&!this.overview?.show_codes;return l`
      <section class="card" aria-labelledby="code">
        <h3 id="code">${t.t("door_code")}</h3>
        <div class="code-row">
          <span class="code big" data-testid="stay-code" role=${i?"img":h} aria-label=${i?t.t("code_hidden"):h}>${o?o.code:e.code}</span>
          ${o?l`<button class="btn small" @click=${()=>this.hide()}>${t.t("hide")}</button>
                <span class="muted">${t.t("reveal_hint")}</span>`:l`<button class="btn small" data-testid="reveal" ?disabled=${r} @click=${()=>this.doReveal(e)}>${t.t("reveal")}</button>`}
        </div>
        ${n.length?l`<ul class="extra code-list" data-testid="stay-lock-codes">${n.map(d=>l`<li>${d}</li>`)}</ul>`:h}
        <p>${t.t(`method_${e.method}`)} <span class="muted">${t.t(e.frozen?"frozen_yes":"frozen_no")}</span></p>
        <div class="actions">
          <button class="btn" data-testid="regenerate" ?disabled=${e.regenerate_refusal!==null||r} @click=${()=>this.open("confirm")}>
            ${t.t("regenerate")}
          </button>
          <button class="btn" data-testid="set-code" ?disabled=${r} aria-expanded=${this.editing?"true":"false"} @click=${()=>this.open(this.editing?void 0:"edit")}>
            ${t.t("set_code")}
          </button>
          <button class="btn" data-testid="resend" ?disabled=${r} @click=${()=>this.resendKeys(e,t)}>
            ${t.t("resend")}
          </button>
        </div>
        ${e.regenerate_refusal===null?h:l`<p class="muted small" data-testid="regenerate-refusal">${t.t(`regenerate_${e.regenerate_refusal}`)}</p>`}
        ${this.renderMessage("code")}
        ${this.confirming?l`<div class="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">${t.t("regenerate_confirm",{guest:e.guest})}</p>
              <button class="btn primary" data-testid="regenerate-confirm" ?disabled=${r} @click=${async()=>{this.confirming=!1,await this.run("regenerate",()=>xt(this.hass,this.overview.entry_id,e.id),t.t("regenerate_done",{guest:e.guest})),this.hide()}}>${t.t("regenerate_yes")}</button>
              <button class="btn" data-testid="regenerate-cancel" @click=${()=>{this.confirming=!1}}>${t.t("cancel")}</button>
            </div>`:h}
        ${this.editing?l`<form class="own-code" novalidate @submit=${d=>{d.preventDefault(),this.saveCode(e,t)}}>
              <label for="own-code">${t.t("set_code_label")}</label>
              <div class="inline">
                <input id="own-code" data-testid="set-code-input" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="8" aria-describedby="own-code-help" />
                <button class="btn primary" type="submit" data-testid="set-code-save" ?disabled=${r}>${t.t("save")}</button>
                <button class="btn" type="button" @click=${()=>{this.editing=!1}}>${t.t("cancel")}</button>
              </div>
              <p id="own-code-help" class="muted small">${t.t("set_code_help")}</p>
            </form>`:h}
      </section>
    `}renderLocks(e,t){let o=[{label:t.t("lock")},{label:t.t("state")},{label:t.t("actions"),hidden:!0}],n=e.locks.map(r=>({key:r.lock_id,cells:[l`<button class="link" @click=${()=>$(this,S,{path:`/lock/${encodeURIComponent(r.lock_id)}`})}>
          ${this.lockName(r.lock_id,t)}
        </button>`,l`<span class="state state-${r.state}">
          <span class="glyph" aria-hidden="true">${re[r.state]??""}</span> ${t.t(`bar_state_${r.state}`)}
        </span>`,l`<button class="btn small" data-testid="apply-now" ?disabled=${this.busy!==void 0} @click=${()=>this.apply(r.lock_id,t)}>
          ${t.t("apply_now")}
        </button>`]}));return l`
      <section class="card" aria-labelledby="locks">
        <h3 id="locks">${t.t("on_the_locks")}</h3>
        ${H(o,n)}
        ${this.renderMessage("locks")}
      </section>
    `}renderDelivery(e,t,o){let n=j(t.t("channel"),t.t("to"),t.t("state"),t.t("sent_at")),r=e.delivery.map(i=>({cells:[t.t(`channel_${i.channel}`),i.label,l`<span class="delivery-${i.state} ${i.state==="failing"?"flag bad":""}">${t.t(`delivery_${i.state}`)}</span>`,i.sent_at?o.dateTime(i.sent_at):t.t("not_yet")]}));return l`
      <section class="card" aria-labelledby="delivery">
        <h3 id="delivery">${t.t("delivery")}</h3>
        ${e.delivery.length?H(n,r):l`<p class="muted">${t.t("no_delivery")}</p>`}
      </section>
    `}renderUse(e,t,o){let n=j(t.t("when"),t.t("lock"),t.t("who")),r=e.access.map(i=>({cells:[o.dateTime(i.at),this.lockName(i.lock_id,t),t.t(`who_${i.who}`,{name:i.name??t.t("guest")})]}));return l`
      <section class="card wide" aria-labelledby="use">
        <h3 id="use">${t.t("use")}</h3>
        <dl class="facts">
          <dt>${t.t("first_use")}</dt>
          <dd>${e.first_use?o.dateTime(e.first_use):t.t("not_yet")}</dd>
        </dl>
        <h4>${t.t("access_log")}</h4>
        ${e.access.length?H(n,r):l`<p class="muted">${t.t("no_access")}</p>`}
      </section>
    `}static{this.styles=[R,ve,w`
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 12px 0; }
    .back { margin-bottom: 4px; }
    .code-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; }
    .code.big { font-size: 22px; min-width: 6ch; }
    .code-list { margin: 8px 0 0; padding-left: 20px; }
    .actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 12px; }
    .confirm, .own-code { margin-top: 12px; padding: 12px; border-radius: 8px; background: var(--primary-background-color); }
    .confirm p { margin: 0 0 8px; }
    .confirm button { margin-right: 8px; }
    .own-code label { display: block; margin-bottom: 6px; font-weight: 500; }
    .inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    input { font: inherit; font-size: 18px; letter-spacing: 0.15em; width: 10ch; padding: 6px 10px; border-radius: 6px; border: 1px solid var(--divider-color); background: var(--card-background-color); color: var(--primary-text-color); }
    .small { font-size: 13px; margin: 6px 0 0; }
    h4 { margin: 16px 0 6px; font-weight: 500; font-size: 14px; }
    .state .glyph { color: var(--bar); font-weight: 700; }
    .end { text-align: end; }
    .link { border: none; background: none; padding: 0; color: var(--primary-color); text-decoration: underline; text-align: start; }
    .delivery-failing { font-weight: 500; }
  `]}};p([u({attribute:!1})],x.prototype,"hass",2),p([u({attribute:!1})],x.prototype,"overview",2),p([u({attribute:!1})],x.prototype,"revision",2),p([u({attribute:!1})],x.prototype,"stayId",2),p([y()],x.prototype,"revealed",2),p([y()],x.prototype,"busy",2),p([y()],x.prototype,"message",2),p([y()],x.prototype,"confirming",2),p([y()],x.prototype,"editing",2),p([lt("#own-code")],x.prototype,"codeInput",2);E("guest-pins-stay-view",x);var N=class extends v{constructor(){super(...arguments);this.revision=0;this.lockId="";this.revealed=new Map;this.timers=new Map}disconnectedCallback(){super.disconnectedCallback(),this.hideAll()}willUpdate(e){e.has("lockId")&&e.get("lockId")!==void 0&&(this.hideAll(),this.message=void 0)}hideAll(){this.timers.forEach(e=>window.clearTimeout(e)),this.timers.clear(),this.revealed=new Map}hideSlot(e){window.clearTimeout(this.timers.get(e)),this.timers.delete(e);let t=new Map(this.revealed);t.delete(e),this.revealed=t}async reveal(e,t){let o=new b(this.hass,"panel");this.busy=`reveal-${t}`,this.message=void 0;try{let n=await $t(this.hass,this.overview.entry_id,e.id,t);this.revealed=new Map(this.revealed).set(t,n.code),window.clearTimeout(this.timers.get(t)),this.timers.set(t,window.setTimeout(()=>this.hideSlot(t),Me))}catch(n){this.message={kind:"error",text:o.error(n)}}finally{this.busy=void 0}}async apply(e){let t=new b(this.hass,"panel");this.busy="apply",this.message=void 0;try{await ke(this.hass,this.overview.entry_id,e.id),this.message={kind:"success",text:t.t("apply_now_done",{lock:e.name})}}catch(o){this.message={kind:"error",text:t.error(o)}}finally{this.busy=void 0}}shouldUpdate(e){return!D(e,this.hass)}render(){let{hass:e,overview:t}=this;if(!e||!t)return h;let o=new b(e,"panel"),n=t.locks.find(g=>g.id===this.lockId),r=ye(this,o.t("back_to_timeline"));if(!n)return l`${r}<p class="message warning" role="status">${o.t("lock_not_found")}</p>`;let i=new z(e,t.time_zone),d=o.lockStatus(n.status),c=n.battery!==null&&n.battery<20;return l`
      ${r}
      <header>
        <h2>${n.name}</h2>
        <span class="chip"><span class="dot ${n.status}"></span>${d}</span>
        <span class="spacer"></span>
        <button class="btn primary" data-testid="apply-now" ?disabled=${this.busy!==void 0} @click=${()=>this.apply(n)}>${o.t("apply_now")}</button>
      </header>
      ${this.message?this.message.kind==="error"?l`<p class="message error" role="alert" data-testid="error">${this.message.text}</p>`:l`<p class="message success" role="status" data-testid="success">${this.message.text}</p>`:h}
      <div class="sections">
        <section class="card" aria-labelledby="about">
          <h3 id="about">${o.t("lock_health")}</h3>
          <dl class="facts">
            <dt>${o.t("status")}</dt>
            <dd>${d}</dd>
            <dt>${o.t("last_seen")}</dt>
            <dd>${n.last_seen?i.dateTime(n.last_seen):o.t("never")}</dd>
            <dt>${o.t("battery")}</dt>
            <dd class=${c?"warn flag":""}>
              ${n.battery===null?o.t("battery_unknown"):o.t(c?"battery_low_value":"battery_value",{level:n.battery})}
            </dd>
            <dt>${o.t("transactions_week")}</dt>
            <dd>${n.transactions_week}</dd>
            <dt>${o.t("wakeups_week")}</dt>
            <dd>${n.wakeups_week}</dd>
            <dt>${o.t("slots_used")}</dt>
            <dd>${n.slot_count===null?n.slots.length:o.t("slots_used_value",{used:n.slots.length,count:n.slot_count})}</dd>
            <dt>${o.t("code_times")}</dt>
            <dd>${o.t(n.native_windows?"native_windows_yes":"native_windows_no")}</dd>
          </dl>
        </section>
        ${this.renderSlots(n,o,i)} ${this.renderQueue(n,o,i)} ${this.renderBackups(n,o,i)}
      </div>
    `}renderSlots(e,t,o){let n=[...e.slots].sort((d,c)=>d.slot-c.slot),r=j(t.t("slot"),t.t("whose"),t.t("kind"),t.t("code"),t.t("since")),i=n.map(d=>{let c=this.revealed.get(d.slot),g=l`<span class="nowrap">
        <span class="code" data-testid="slot-code">${c??d.code}</span>
        ${c!==void 0?l`<button class="btn small" @click=${()=>this.hideSlot(d.slot)}>${t.t("hide")}</button>`:ts(this.overview)?l`<button
                class="btn small"
                data-testid="reveal-slot"
                aria-label=${t.t("reveal_slot",{slot:d.slot})}
                ?disabled=${this.busy!==void 0}
                @click=${()=>this.reveal(e,d.slot)}
              >
                ${t.t("reveal")}
              </button>`:h}
      </span>`,m=d.since?o.dateTime(d.since):t.t("unknown");return{key:d.slot,cells:[d.slot,d.name||Ct(t),t.t(`kind_${d.kind}`),g,m]}});return l`
      <section class="card wide" aria-labelledby="slots">
        <h3 id="slots">${t.t("slots")}</h3>
        ${n.length?H(r,i,"slots"):l`<p class="muted">${t.t("no_slots")}</p>`}
      </section>
    `}renderQueue(e,t,o){let n=j(t.t("slot"),t.t("whose"),t.t("kind"),t.t("due"),t.t("why"),t.t("attempts")),r=e.queue.map(i=>({key:i.slot,cells:[i.slot,i.name||Ct(t),t.t(`kind_${i.kind}`),o.dateTime(i.due),l`<div>
          ${t.t(`reason_${i.reason}`)}
          ${i.retry_at?l`<div class="muted small">${t.t("retry_at",{time:o.dateTime(i.retry_at)})}</div>`:h}
        </div>`,i.attempts]}));return l`
      <section class="card wide" aria-labelledby="queue">
        <h3 id="queue">${t.t("queue")}</h3>
        ${e.queue.length?l`<p class="muted">${t.tn("queue_summary",e.queue.length)}</p>${H(n,r,"queue")}`:l`<p class="muted">${t.t("queue_empty")}</p>`}
      </section>
    `}renderBackups(e,t,o){let n=j(t.t("slot"),t.t("state"),t.t("handed_to"),t.t("code")),r=e.backups.map(i=>({key:i.slot??"",cells:[i.slot,t.t(`backup_${i.state}`),i.guest&&i.until?t.t("handed_to_until",{guest:i.guest,until:o.dateTime(i.until)}):i.guest??t.t("nobody"),l`<span class="code">${i.slot!==null&&this.revealed.get(i.slot)||i.code}</span>`]}));return l`
      <section class="card" aria-labelledby="backups">
        <h3 id="backups">${t.t("backups")}</h3>
        ${e.backups.length?H(n,r):l`<p class="muted">${t.t("no_backups")}</p>`}
      </section>
    `}static{this.styles=[R,w`
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 12px 0; }
    .spacer { flex: 1; }
    .nowrap { white-space: nowrap; }
    .nowrap .btn { margin-left: 6px; }
    .small { font-size: 12px; }
    .warn { font-weight: 500; }
    @media (max-width: 600px) {
      th, td { padding: 6px 4px; }
    }
  `]}};p([u({attribute:!1})],N.prototype,"hass",2),p([u({attribute:!1})],N.prototype,"overview",2),p([u({attribute:!1})],N.prototype,"revision",2),p([u({attribute:!1})],N.prototype,"lockId",2),p([y()],N.prototype,"busy",2),p([y()],N.prototype,"message",2),p([y()],N.prototype,"revealed",2);function Ct(a){return l`<span aria-hidden="true">—</span><span class="visually-hidden">${a.t("none")}</span>`}function ts(a){return!a?.show_codes}E("guest-pins-lock-view",N);var he="guest-pins-span",ss=184,os=112,Ue=6,Be=30,We=18,It=6,ce=4,ns=72;function Et(a){let s=[];return{placed:[...a].sort((t,o)=>t.start-o.start||t.end-o.end).map(t=>{let o=s.findIndex(n=>n<=t.start);return o<0&&(o=s.length),s[o]=t.end,{...t,lane:o}}),lanes:s.length}}var C=class extends v{constructor(){super(...arguments);this.revision=0;this.narrow=!1;this.loading=!1;this.now=Date.now();this.trackWidth=0;this.formatterKey=""}connectedCallback(){super.connectedCallback(),this.resizer=new ResizeObserver(([e])=>{this.trackWidth=Math.max(0,e.contentRect.width-this.labelWidth())}),this.resizer.observe(this)}disconnectedCallback(){super.disconnectedCallback(),this.resizer?.disconnect()}labelWidth(){return this.narrow?os:ss}willUpdate(e){e.has("narrow")&&this.trackWidth&&(this.trackWidth=Math.max(0,this.getBoundingClientRect().width-this.labelWidth()))}fmt(e,t){let o=`${e.language}|${e.locale?.language}|${e.locale?.time_format}|${t}`;return(!this.formatter||o!==this.formatterKey)&&(this.formatter=new z(e,t),this.formatterKey=o),this.formatter}place(e,t){let o=this.span,n=o.end-o.start,r=Math.max(e,o.start),i=Math.min(t,o.end);return{left:(r-o.start)/n*100,width:Math.max(0,i-r)/n*100,cutStart:e<o.start,cutEnd:t>o.end}}fits(e){return e/100*this.trackWidth>=ns}shouldUpdate(e){return!D(e,this.hass)}render(){let{hass:e,overview:t,span:o}=this;if(!e||!t||!o)return h;let n=new b(e,"panel"),r=this.fmt(e,t.time_zone),i=r.ticks(o,this.narrow),d=this.now>=o.start&&this.now<o.end?this.place(this.now,this.now):void 0;return l`
      <div class="toolbar">
        <div class="nav" role="group" aria-label=${n.t("period")}>
          <button class="btn small" @click=${()=>this.step(-1)} aria-label=${n.t(`previous_${o.zoom}`)}>
            <span aria-hidden="true">‹</span>
          </button>
          <button class="btn small" @click=${()=>this.step(0)}>${n.t("today")}</button>
          <button class="btn small" @click=${()=>this.step(1)} aria-label=${n.t(`next_${o.zoom}`)}>
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <h2 class="span-title" aria-live="polite">${r.spanTitle(o)}</h2>
        <div class="zoom" role="group" aria-label=${n.t("zoom")}>
          ${gt.map(c=>l`<button
              class="btn small ${c===o.zoom?"primary":""}"
              aria-pressed=${c===o.zoom?"true":"false"}
              data-testid="zoom-${c}"
              @click=${()=>$(this,he,{zoom:c})}
            >
              ${n.t(`zoom_${c}`)}
            </button>`)}
        </div>
      </div>
      <div class="grid ${this.loading?"loading":""}" style="--label-w: ${this.labelWidth()}px" aria-busy=${this.loading?"true":"false"}>
        <div class="row axis" aria-hidden="true">
          <div class="label"></div>
          <div class="track">
            ${i.map(c=>l`<span class="tick-label" style="left: ${this.place(c.ms,c.ms).left}%">${c.label}</span>`)}
          </div>
        </div>
        ${t.locks.length?t.locks.map(c=>this.renderRow(c,t,n,r)):l`<p class="empty muted">${n.t("no_locks")}</p>`}
        <div class="overlay" aria-hidden="true">
          ${i.map(c=>l`<span class="tick ${c.major?"major":""}" style="left: ${this.place(c.ms,c.ms).left}%"></span>`)}
          ${d?l`<span class="now" style="left: ${d.left}%" title=${n.t("now")}></span>`:h}
        </div>
      </div>
      ${this.renderLegend(n)}
    `}renderRow(e,t,o,n){let r=this.span,i=(f,_)=>_>r.start&&f<r.end,d=Et(t.stays.flatMap(f=>{let _=f.locks.find(M=>M.lock_id===e.id),I=Date.parse(f.window_start),P=Date.parse(f.window_end);return _&&i(I,P)?[{item:{stay:f,state:_.state},start:I,end:P}]:[]})),c=Et(t.statics.filter(f=>f.enabled!==!1&&f.locks.includes(e.id)).flatMap(f=>f.occurrences.map(_=>({item:f,start:Date.parse(_.start),end:Date.parse(_.end)})).filter(_=>i(_.start,_.end)))),g=e.backups.filter(f=>f.state==="handed_out"&&f.until&&i(this.now,Date.parse(f.until))),m=Ue,A=Ue+(g.length?It+ce:0),T=A+d.lanes*(Be+ce),V=Math.max(52,T+c.lanes*(We+ce)+Ue),qe=o.lockStatus(e.status);return l`
      <div class="row" data-testid="lock-row" data-lock=${e.id}>
        <div class="label">
          <button
            class="lock-name"
            data-testid="lock-name"
            aria-label=${o.t("lock_button_label",{lock:e.name,status:qe})}
            @click=${()=>$(this,S,{path:`/lock/${encodeURIComponent(e.id)}`})}
          >
            <span class="name">${e.name}</span>
            <span class="status"><span class="dot ${e.status}"></span>${qe}</span>
          </button>
        </div>
        <div class="track" style="height: ${V}px">
          ${g.map(f=>{let _=Date.parse(f.until),I=this.place(this.now,_),P=o.t("backup_bar_label",{guest:f.guest??o.t("guest"),until:n.shortDateTime(_)});return l`<button
              class="bar backup-bar fill state-backup"
              data-testid="backup-bar"
              style="left: ${I.left}%; width: ${I.width}%; top: ${m}px; height: ${It}px"
              aria-label=${P}
              title=${P}
              @click=${()=>$(this,S,{path:`/lock/${encodeURIComponent(e.id)}`})}
            ></button>`})}
          ${d.placed.map(({item:f,start:_,end:I,lane:P})=>this.renderStayBar(f.stay,f.state,_,I,A+P*(Be+ce),o,n))}
          ${c.placed.map(({item:f,start:_,end:I,lane:P})=>{let M=this.place(_,I),je=o.t("static_bar_label",{name:f.name,range:n.range(_,I)});return l`<span
              class="bar static-bar ${M.cutStart?"cut-start":""} ${M.cutEnd?"cut-end":""}"
              data-testid="static-bar"
              role="img"
              style="left: ${M.left}%; width: ${M.width}%; top: ${T+P*(We+ce)}px; height: ${We}px"
              aria-label=${je}
              title=${je}
              ><span class="text">${this.fits(M.width)?f.name:""}</span></span
            >`})}
        </div>
      </div>
    `}renderStayBar(e,t,o,n,r,i,d){let c=this.place(o,n),g=i.t("stay_bar_label",{guest:e.guest,range:d.range(o,n),state:i.t(`bar_state_${t}`)});return l`<button
      class="bar stay-bar fill state-${t} ${c.cutStart?"cut-start":""} ${c.cutEnd?"cut-end":""}"
      data-testid="stay-bar"
      data-state=${t}
      data-stay=${e.id}
      style="left: ${c.left}%; width: ${c.width}%; top: ${r}px; height: ${Be}px"
      aria-label=${g}
      title=${g}
      @click=${()=>$(this,S,{path:`/stay/${encodeURIComponent(e.id)}`})}
    >
      <span class="glyph" aria-hidden="true">${re[t]??""}</span>
      ${this.fits(c.width)?l`<span class="text">${e.guest}</span>`:h}
    </button>`}renderLegend(e){return l`
      <section class="legend" aria-labelledby="legend-title">
        <h3 id="legend-title" class="visually-hidden">${e.t("legend")}</h3>
        <ul>
          ${He.map(t=>l`<li title=${e.t(`bar_state_${t}_help`)}>
              <span class="swatch fill state-${t}" aria-hidden="true">${re[t]}</span>${e.t(`bar_state_${t}`)}
            </li>`)}
          <li><span class="swatch static-bar" aria-hidden="true"></span>${e.t("legend_static")}</li>
        </ul>
        <details>
          <summary>${e.t("legend_more")}</summary>
          <dl class="facts">
            ${He.map(t=>l`<dt>${e.t(`bar_state_${t}`)}</dt><dd>${e.t(`bar_state_${t}_help`)}</dd>`)}
            <dt>${e.t("legend_static")}</dt>
            <dd>${e.t("legend_static_help")}</dd>
            <dt>${e.t("legend_backup")}</dt>
            <dd>${e.t("legend_backup_help")}</dd>
          </dl>
        </details>
      </section>
    `}step(e){$(this,he,{step:e})}static{this.styles=[R,ve,w`
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin-bottom: 12px; }
    .nav, .zoom { display: flex; gap: 6px; }
    .span-title { flex: 1 1 auto; font-size: 18px; min-width: 10em; }
    .grid { position: relative; border: 1px solid var(--divider-color); border-radius: 8px; overflow: hidden; background: var(--card-background-color); }
    .grid.loading { opacity: 0.6; }
    .row { display: grid; grid-template-columns: var(--label-w) 1fr; border-bottom: 1px solid var(--divider-color); }
    .row:last-of-type { border-bottom: none; }
    .row.axis { height: 28px; background: var(--primary-background-color); }
    .label { border-right: 1px solid var(--divider-color); min-width: 0; }
    .track { position: relative; min-width: 0; }
    .tick-label { position: absolute; top: 6px; padding-left: 4px; font-size: 12px; color: var(--secondary-text-color); white-space: nowrap; }
    .lock-name { display: flex; flex-direction: column; align-items: flex-start; gap: 2px; width: 100%; height: 100%; padding: 8px 10px; border: none; background: none; text-align: start; }
    .lock-name:hover .name { text-decoration: underline; }
    .lock-name .name { font-weight: 500; color: var(--primary-color); overflow-wrap: anywhere; }
    .lock-name .status { display: flex; align-items: baseline; gap: 6px; font-size: 12px; color: var(--secondary-text-color); }
    .overlay { position: absolute; top: 0; bottom: 0; left: var(--label-w); right: 0; pointer-events: none; }
    .tick { position: absolute; top: 0; bottom: 0; border-left: 1px solid color-mix(in srgb, var(--divider-color) 50%, transparent); }
    .tick.major { border-left-color: var(--divider-color); }
    .now { position: absolute; top: 0; bottom: 0; border-left: 2px solid var(--error-color, #db4437); z-index: 2; }
    .now::before { content: ""; position: absolute; top: 0; left: -5px; border: 4px solid transparent; border-top: 6px solid var(--error-color, #db4437); }
    .bar { position: absolute; display: flex; align-items: center; gap: 4px; padding: 0 6px; border-radius: 6px; overflow: hidden; white-space: nowrap; font-size: 13px; color: var(--primary-text-color); z-index: 1; min-width: 4px; }
    button.bar { cursor: pointer; }
    button.bar:hover { filter: brightness(0.95); box-shadow: 0 1px 3px rgba(0, 0, 0, 0.3); }
    button.bar:focus-visible { z-index: 3; }
    .bar.cut-start { border-top-left-radius: 0; border-bottom-left-radius: 0; }
    .bar.cut-end { border-top-right-radius: 0; border-bottom-right-radius: 0; }
    .bar .text { overflow: hidden; text-overflow: ellipsis; }
    .bar .glyph { flex: none; font-weight: 700; color: var(--bar); }
    .backup-bar { padding: 0; border-radius: 3px; border-width: 1px; }
    .static-bar { font-size: 11px; color: var(--secondary-text-color); background: color-mix(in srgb, var(--secondary-text-color) 14%, var(--card-background-color, #fff)); border: 1px dotted var(--secondary-text-color); padding: 0 4px; border-radius: 4px; }
    .empty { padding: 16px; margin: 0; }
    .legend ul { display: flex; flex-wrap: wrap; gap: 6px 16px; list-style: none; padding: 0; margin: 12px 0 4px; }
    .legend li { display: flex; align-items: center; gap: 6px; font-size: 13px; }
    .swatch { display: inline-flex; align-items: center; justify-content: center; width: 26px; height: 16px; border-radius: 4px; font-size: 11px; font-weight: 700; color: var(--bar); }
    .swatch.static-bar { position: static; }
    .legend details { font-size: 13px; }
    .legend summary { cursor: pointer; color: var(--primary-color); padding: 4px 0; }
    .legend dl { margin-top: 8px; }
  `]}};p([u({attribute:!1})],C.prototype,"hass",2),p([u({attribute:!1})],C.prototype,"overview",2),p([u({attribute:!1})],C.prototype,"revision",2),p([u({attribute:!1})],C.prototype,"span",2),p([u({type:Boolean})],C.prototype,"narrow",2),p([u({type:Boolean})],C.prototype,"loading",2),p([u({attribute:!1})],C.prototype,"now",2),p([y()],C.prototype,"trackWidth",2);E("guest-pins-timeline",C);function Fe(a){let s=(a??"").split("/").filter(Boolean),e=o=>{try{return decodeURIComponent(o)}catch{return o}},t=s.slice(1).map(e).join("/");return s[0]==="stay"&&t?{name:"stay",id:t}:s[0]==="lock"&&t?{name:"lock",id:t}:s[0]==="alerts"?{name:"alerts"}:{name:"timeline"}}var k=class extends v{constructor(){super(...arguments);this.narrow=!1;this.zoom="week";this.loading=!1;this.now=Date.now();this.translations=new _e(this);this.listing=!1;this.subscriptionKey="";this.generation=0;this.serverOffset=0;this.zones=new Map;this.onNavigate=e=>{e.stopPropagation(),this.go(e.detail.path)};this.onSpan=e=>{e.stopPropagation();let t=e.detail;if("zoom"in t){this.zoom=t.zoom;return}let o=ze(this.now,this.zone());this.anchor=t.step===0?o:bt(this.zoom,this.span()?.from??o,t.step)}}connectedCallback(){super.connectedCallback(),this.requestUpdate(),this.clock=window.setInterval(()=>this.now=Date.now()+this.serverOffset,6e4),this.addEventListener(S,this.onNavigate),this.addEventListener(he,this.onSpan)}disconnectedCallback(){super.disconnectedCallback(),window.clearInterval(this.clock),this.removeEventListener(S,this.onNavigate),this.removeEventListener(he,this.onSpan),this.unsubscribe()}get isAdmin(){return this.hass?.user?.is_admin!==!1}zone(){return this.entryId&&this.zones.get(this.entryId)||this.hass?.config.time_zone||"UTC"}span(){if(!this.hass)return;let e=this.zone(),t=this.anchor??ze(this.now,e);return _t(this.zoom,t,e,yt(this.hass))}updated(e){!this.hass||!this.isAdmin||(!this.properties&&!this.listing&&this.loadProperties(),this.ensureSubscription(),e.has("route")&&Fe(this.route?.path).name==="timeline"&&(this.failure=void 0))}async loadProperties(){this.listing=!0;try{let e=await vt(this.hass),t=new URLSearchParams(location.search).get("config_entry");this.entryId=e.find(o=>o.entry_id===t)?.entry_id??e[0]?.entry_id,this.properties=e}catch(e){this.failure=new b(this.hass,"panel").error(e),this.properties=[]}finally{this.listing=!1}}ensureSubscription(){let e=this.span();if(!this.isConnected||!this.hass||!this.entryId||!e)return;let t=Fe(this.route?.path),o=t.name==="stay"?t.id:void 0,n=`${this.entryId}|${e.start}|${e.end}|${o??""}`;if(n===this.subscriptionKey)return;this.unsubscribe(),this.subscriptionKey=n;let r=++this.generation,i=this.entryId;this.loading=!0,this.subscription=kt(this.hass,i,new Date(e.start).toISOString(),new Date(e.end).toISOString(),o,d=>{r!==this.generation||d.entry_id!==i||(this.serverOffset=Date.parse(d.now)-Date.now()||0,this.now=Date.now()+this.serverOffset,this.zones.set(i,d.time_zone),this.overview=d,this.loading=!1,this.failure=void 0)}).catch(d=>{r===this.generation&&(this.failure=new b(this.hass,"panel").error(d),this.loading=!1,this.subscriptionKey="")})}unsubscribe(){let e=this.subscription;this.subscription=void 0,this.subscriptionKey="",this.generation+=1,e?.then(t=>t?.().catch(()=>{}))}go(e){Oe(`${this.route?.prefix??"/guest_pins"}${e}${location.search}`)}selectProperty(e){if(e===this.entryId)return;this.entryId=e,this.overview=void 0;let t=new URLSearchParams(location.search);t.set("config_entry",e),Oe(`${this.route?.prefix??"/guest_pins"}?${t.toString()}`)}render(){let e=this.hass;if(!e)return l``;let t=new b(e,"panel"),o=Fe(this.route?.path),n=this.overview?.alerts.length??0;return l`
      <header class="topbar">
        ${this.narrow?l`<button class="menu" aria-label=${t.t("menu")} data-testid="menu" @click=${()=>$(this,"hass-toggle-menu")}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" /></svg>
            </button>`:h}
        <h1>${this.overview?.title??t.t("title")}</h1>
        ${this.properties&&this.properties.length>1?l`<label class="property">
              <span class="visually-hidden">${t.t("property")}</span>
              <select data-testid="property" @change=${r=>this.selectProperty(r.target.value)}>
                ${this.properties.map(r=>l`<option value=${r.entry_id} ?selected=${r.entry_id===this.entryId}>${r.title}</option>`)}
              </select>
            </label>`:h}
      </header>
      <nav class="tabs" aria-label=${t.t("views")}>
        <button data-testid="tab-timeline" aria-current=${o.name==="alerts"?"false":"page"} @click=${()=>this.go("")}>${t.t("tab_timeline")}</button>
        <button data-testid="tab-alerts" aria-current=${o.name==="alerts"?"page":"false"} @click=${()=>this.go("/alerts")}>
          ${t.t("tab_alerts",{count:n})}
        </button>
      </nav>
      <main>${this.renderBody(o,e,t)}</main>
    `}renderBody(e,t,o){if(!this.isAdmin)return l`<p class="message warning">${o.t("admin_only")}</p>`;let n=this.failure?l`<p class="message error" role="alert" data-testid="error">${this.failure}</p>`:h;if(!this.properties)return l`<p class="muted">${o.t("loading")}</p>`;if(!this.properties.length)return l`${n}<p class="message warning">${o.t("no_property")}</p>`;if(!this.overview)return l`${n}<p class="muted">${o.t("loading")}</p>`;let r=this.translations.revision;switch(e.name){case"stay":return l`${n}<guest-pins-stay-view .hass=${t} .overview=${this.overview} .stayId=${e.id} .revision=${r}></guest-pins-stay-view>`;case"lock":return l`${n}<guest-pins-lock-view .hass=${t} .overview=${this.overview} .lockId=${e.id} .revision=${r}></guest-pins-lock-view>`;case"alerts":return l`${n}<guest-pins-alerts-view .hass=${t} .overview=${this.overview} .revision=${r}></guest-pins-alerts-view>`;default:return l`${n}<guest-pins-timeline
          .hass=${t}
          .overview=${this.overview}
          .span=${this.span()}
          .now=${this.now}
          .narrow=${this.narrow}
          .loading=${this.loading}
          .revision=${r}
        ></guest-pins-timeline>`}}static{this.styles=[R,w`
    :host {
      min-height: 100%;
      background: var(--primary-background-color);
    }
    .topbar {
      display: flex;
      align-items: center;
      gap: 8px 16px;
      flex-wrap: wrap;
      min-height: 56px;
      padding: 8px 16px;
      background: var(--app-header-background-color, var(--primary-color));
      color: var(--app-header-text-color, var(--text-primary-color, #fff));
      border-bottom: var(--app-header-border-bottom, none);
    }
    .topbar h1 { font-size: 20px; flex: 1 1 auto; margin: 0; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .menu {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 40px;
      height: 40px;
      margin-left: -8px;
      border: none;
      border-radius: 50%;
      background: none;
      color: inherit;
    }
    .menu svg { width: 24px; height: 24px; fill: currentColor; }
    .menu:hover { background: rgba(127, 127, 127, 0.2); }
    select {
      font: inherit;
      padding: 6px 8px;
      border-radius: 6px;
      border: 1px solid var(--divider-color);
      background: var(--card-background-color);
      color: var(--primary-text-color);
      max-width: 100%;
    }
    .topbar :focus-visible { outline-color: currentColor; }
    .tabs { display: flex; gap: 4px; padding: 0 16px; background: var(--card-background-color); border-bottom: 1px solid var(--divider-color); overflow-x: auto; }
    .tabs button { border: none; background: none; padding: 12px 16px; font-weight: 500; color: var(--secondary-text-color); border-bottom: 3px solid transparent; white-space: nowrap; }
    .tabs button[aria-current="page"] { color: var(--primary-color); border-bottom-color: var(--primary-color); }
    main { padding: 16px; max-width: 1400px; margin: 0 auto; }
    @media (max-width: 600px) {
      main { padding: 12px 8px; }
      .tabs { padding: 0 4px; }
    }
  `]}};p([u({attribute:!1})],k.prototype,"hass",2),p([u({type:Boolean})],k.prototype,"narrow",2),p([u({attribute:!1})],k.prototype,"route",2),p([u({attribute:!1})],k.prototype,"panel",2),p([y()],k.prototype,"properties",2),p([y()],k.prototype,"entryId",2),p([y()],k.prototype,"overview",2),p([y()],k.prototype,"zoom",2),p([y()],k.prototype,"anchor",2),p([y()],k.prototype,"loading",2),p([y()],k.prototype,"failure",2),p([y()],k.prototype,"now",2);E("guest-pins-panel",k);export{k as GuestPinsPanel,Fe as parseView};

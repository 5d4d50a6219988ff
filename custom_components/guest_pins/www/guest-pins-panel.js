var Ct=Object.defineProperty;var It=Object.getOwnPropertyDescriptor;var h=(n,s,e,t)=>{for(var o=t>1?void 0:t?It(s,e):s,a=n.length-1,r;a>=0;a--)(r=n[a])&&(o=(t?r(s,e,o):r(o))||o);return t&&o&&Ct(s,e,o),o};var ce=globalThis,he=ce.ShadowRoot&&(ce.ShadyCSS===void 0||ce.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,be=Symbol(),Fe=new WeakMap,Q=class{constructor(s,e,t){if(this._$cssResult$=!0,t!==be)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=s,this.t=e}get styleSheet(){let s=this.o,e=this.t;if(he&&s===void 0){let t=e!==void 0&&e.length===1;t&&(s=Fe.get(e)),s===void 0&&((this.o=s=new CSSStyleSheet).replaceSync(this.cssText),t&&Fe.set(e,s))}return s}toString(){return this.cssText}},qe=n=>new Q(typeof n=="string"?n:n+"",void 0,be),$=(n,...s)=>{let e=n.length===1?n[0]:s.reduce((t,o,a)=>t+(r=>{if(r._$cssResult$===!0)return r.cssText;if(typeof r=="number")return r;throw Error("Value passed to 'css' function must be a 'css' function result: "+r+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(o)+n[a+1],n[0]);return new Q(e,n,be)},je=(n,s)=>{if(he)n.adoptedStyleSheets=s.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of s){let t=document.createElement("style"),o=ce.litNonce;o!==void 0&&t.setAttribute("nonce",o),t.textContent=e.cssText,n.appendChild(t)}},ve=he?n=>n:n=>n instanceof CSSStyleSheet?(s=>{let e="";for(let t of s.cssRules)e+=t.cssText;return qe(e)})(n):n;var{is:Et,defineProperty:Rt,getOwnPropertyDescriptor:Nt,getOwnPropertyNames:Pt,getOwnPropertySymbols:Ot,getPrototypeOf:Lt}=Object,pe=globalThis,Ve=pe.trustedTypes,Dt=Ve?Ve.emptyScript:"",zt=pe.reactiveElementPolyfillSupport,J=(n,s)=>n,X={toAttribute(n,s){switch(s){case Boolean:n=n?Dt:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,s){let e=n;switch(s){case Boolean:e=n!==null;break;case Number:e=n===null?null:Number(n);break;case Object:case Array:try{e=JSON.parse(n)}catch{e=null}}return e}},ue=(n,s)=>!Et(n,s),Ke={attribute:!0,type:String,converter:X,reflect:!1,useDefault:!1,hasChanged:ue};Symbol.metadata??=Symbol("metadata"),pe.litPropertyMetadata??=new WeakMap;var O=class extends HTMLElement{static addInitializer(s){this._$Ei(),(this.l??=[]).push(s)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(s,e=Ke){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(s)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(s,e),!e.noAccessor){let t=Symbol(),o=this.getPropertyDescriptor(s,t,e);o!==void 0&&Rt(this.prototype,s,o)}}static getPropertyDescriptor(s,e,t){let{get:o,set:a}=Nt(this.prototype,s)??{get(){return this[e]},set(r){this[e]=r}};return{get:o,set(r){let i=o?.call(this);a?.call(this,r),this.requestUpdate(s,i,t)},configurable:!0,enumerable:!0}}static getPropertyOptions(s){return this.elementProperties.get(s)??Ke}static _$Ei(){if(this.hasOwnProperty(J("elementProperties")))return;let s=Lt(this);s.finalize(),s.l!==void 0&&(this.l=[...s.l]),this.elementProperties=new Map(s.elementProperties)}static finalize(){if(this.hasOwnProperty(J("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(J("properties"))){let e=this.properties,t=[...Pt(e),...Ot(e)];for(let o of t)this.createProperty(o,e[o])}let s=this[Symbol.metadata];if(s!==null){let e=litPropertyMetadata.get(s);if(e!==void 0)for(let[t,o]of e)this.elementProperties.set(t,o)}this._$Eh=new Map;for(let[e,t]of this.elementProperties){let o=this._$Eu(e,t);o!==void 0&&this._$Eh.set(o,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(s){let e=[];if(Array.isArray(s)){let t=new Set(s.flat(1/0).reverse());for(let o of t)e.unshift(ve(o))}else s!==void 0&&e.push(ve(s));return e}static _$Eu(s,e){let t=e.attribute;return t===!1?void 0:typeof t=="string"?t:typeof s=="string"?s.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(s=>this.enableUpdating=s),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(s=>s(this))}addController(s){(this._$EO??=new Set).add(s),this.renderRoot!==void 0&&this.isConnected&&s.hostConnected?.()}removeController(s){this._$EO?.delete(s)}_$E_(){let s=new Map,e=this.constructor.elementProperties;for(let t of e.keys())this.hasOwnProperty(t)&&(s.set(t,this[t]),delete this[t]);s.size>0&&(this._$Ep=s)}createRenderRoot(){let s=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return je(s,this.constructor.elementStyles),s}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(s=>s.hostConnected?.())}enableUpdating(s){}disconnectedCallback(){this._$EO?.forEach(s=>s.hostDisconnected?.())}attributeChangedCallback(s,e,t){this._$AK(s,t)}_$ET(s,e){let t=this.constructor.elementProperties.get(s),o=this.constructor._$Eu(s,t);if(o!==void 0&&t.reflect===!0){let a=(t.converter?.toAttribute!==void 0?t.converter:X).toAttribute(e,t.type);this._$Em=s,a==null?this.removeAttribute(o):this.setAttribute(o,a),this._$Em=null}}_$AK(s,e){let t=this.constructor,o=t._$Eh.get(s);if(o!==void 0&&this._$Em!==o){let a=t.getPropertyOptions(o),r=typeof a.converter=="function"?{fromAttribute:a.converter}:a.converter?.fromAttribute!==void 0?a.converter:X;this._$Em=o;let i=r.fromAttribute(e,a.type);this[o]=i??this._$Ej?.get(o)??i,this._$Em=null}}requestUpdate(s,e,t,o=!1,a){if(s!==void 0){let r=this.constructor;if(o===!1&&(a=this[s]),t??=r.getPropertyOptions(s),!((t.hasChanged??ue)(a,e)||t.useDefault&&t.reflect&&a===this._$Ej?.get(s)&&!this.hasAttribute(r._$Eu(s,t))))return;this.C(s,e,t)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(s,e,{useDefault:t,reflect:o,wrapped:a},r){t&&!(this._$Ej??=new Map).has(s)&&(this._$Ej.set(s,r??e??this[s]),a!==!0||r!==void 0)||(this._$AL.has(s)||(this.hasUpdated||t||(e=void 0),this._$AL.set(s,e)),o===!0&&this._$Em!==s&&(this._$Eq??=new Set).add(s))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let s=this.scheduleUpdate();return s!=null&&await s,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[o,a]of this._$Ep)this[o]=a;this._$Ep=void 0}let t=this.constructor.elementProperties;if(t.size>0)for(let[o,a]of t){let{wrapped:r}=a,i=this[o];r!==!0||this._$AL.has(o)||i===void 0||this.C(o,void 0,a,i)}}let s=!1,e=this._$AL;try{s=this.shouldUpdate(e),s?(this.willUpdate(e),this._$EO?.forEach(t=>t.hostUpdate?.()),this.update(e)):this._$EM()}catch(t){throw s=!1,this._$EM(),t}s&&this._$AE(e)}willUpdate(s){}_$AE(s){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(s)),this.updated(s)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(s){return!0}update(s){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(s){}firstUpdated(s){}};O.elementStyles=[],O.shadowRootOptions={mode:"open"},O[J("elementProperties")]=new Map,O[J("finalized")]=new Map,zt?.({ReactiveElement:O}),(pe.reactiveElementVersions??=[]).push("2.1.2");var Te=globalThis,Ye=n=>n,me=Te.trustedTypes,Ze=me?me.createPolicy("lit-html",{createHTML:n=>n}):void 0,tt="$lit$",L=`lit$${Math.random().toFixed(9).slice(2)}$`,st="?"+L,Ht=`<${st}>`,B=document,ee=()=>B.createComment(""),te=n=>n===null||typeof n!="object"&&typeof n!="function",Ce=Array.isArray,Mt=n=>Ce(n)||typeof n?.[Symbol.iterator]=="function",ke=`[ 	
\f\r]`,G=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Qe=/-->/g,Je=/>/g,M=RegExp(`>|${ke}(?:([^\\s"'>=/]+)(${ke}*=${ke}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),Xe=/'/g,Ge=/"/g,ot=/^(?:script|style|textarea|title)$/i,Ie=n=>(s,...e)=>({_$litType$:n,strings:s,values:e}),l=Ie(1),is=Ie(2),ds=Ie(3),W=Symbol.for("lit-noChange"),p=Symbol.for("lit-nothing"),et=new WeakMap,U=B.createTreeWalker(B,129);function at(n,s){if(!Ce(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ze!==void 0?Ze.createHTML(s):s}var Ut=(n,s)=>{let e=n.length-1,t=[],o,a=s===2?"<svg>":s===3?"<math>":"",r=G;for(let i=0;i<e;i++){let d=n[i],c,f,m=-1,S=0;for(;S<d.length&&(r.lastIndex=S,f=r.exec(d),f!==null);)S=r.lastIndex,r===G?f[1]==="!--"?r=Qe:f[1]!==void 0?r=Je:f[2]!==void 0?(ot.test(f[2])&&(o=RegExp("</"+f[2],"g")),r=M):f[3]!==void 0&&(r=M):r===M?f[0]===">"?(r=o??G,m=-1):f[1]===void 0?m=-2:(m=r.lastIndex-f[2].length,c=f[1],r=f[3]===void 0?M:f[3]==='"'?Ge:Xe):r===Ge||r===Xe?r=M:r===Qe||r===Je?r=G:(r=M,o=void 0);let T=r===M&&n[i+1].startsWith("/>")?" ":"";a+=r===G?d+Ht:m>=0?(t.push(c),d.slice(0,m)+tt+d.slice(m)+L+T):d+L+(m===-2?i:T)}return[at(n,a+(n[e]||"<?>")+(s===2?"</svg>":s===3?"</math>":"")),t]},se=class n{constructor({strings:s,_$litType$:e},t){let o;this.parts=[];let a=0,r=0,i=s.length-1,d=this.parts,[c,f]=Ut(s,e);if(this.el=n.createElement(c,t),U.currentNode=this.el.content,e===2||e===3){let m=this.el.content.firstChild;m.replaceWith(...m.childNodes)}for(;(o=U.nextNode())!==null&&d.length<i;){if(o.nodeType===1){if(o.hasAttributes())for(let m of o.getAttributeNames())if(m.endsWith(tt)){let S=f[r++],T=o.getAttribute(m).split(L),q=/([.?@])?(.*)/.exec(S);d.push({type:1,index:a,name:q[2],strings:T,ctor:q[1]==="."?$e:q[1]==="?"?xe:q[1]==="@"?Ae:V}),o.removeAttribute(m)}else m.startsWith(L)&&(d.push({type:6,index:a}),o.removeAttribute(m));if(ot.test(o.tagName)){let m=o.textContent.split(L),S=m.length-1;if(S>0){o.textContent=me?me.emptyScript:"";for(let T=0;T<S;T++)o.append(m[T],ee()),U.nextNode(),d.push({type:2,index:++a});o.append(m[S],ee())}}}else if(o.nodeType===8)if(o.data===st)d.push({type:2,index:a});else{let m=-1;for(;(m=o.data.indexOf(L,m+1))!==-1;)d.push({type:7,index:a}),m+=L.length-1}a++}}static createElement(s,e){let t=B.createElement("template");return t.innerHTML=s,t}};function j(n,s,e=n,t){if(s===W)return s;let o=t!==void 0?e._$Co?.[t]:e._$Cl,a=te(s)?void 0:s._$litDirective$;return o?.constructor!==a&&(o?._$AO?.(!1),a===void 0?o=void 0:(o=new a(n),o._$AT(n,e,t)),t!==void 0?(e._$Co??=[])[t]=o:e._$Cl=o),o!==void 0&&(s=j(n,o._$AS(n,s.values),o,t)),s}var we=class{constructor(s,e){this._$AV=[],this._$AN=void 0,this._$AD=s,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(s){let{el:{content:e},parts:t}=this._$AD,o=(s?.creationScope??B).importNode(e,!0);U.currentNode=o;let a=U.nextNode(),r=0,i=0,d=t[0];for(;d!==void 0;){if(r===d.index){let c;d.type===2?c=new oe(a,a.nextSibling,this,s):d.type===1?c=new d.ctor(a,d.name,d.strings,this,s):d.type===6&&(c=new Se(a,this,s)),this._$AV.push(c),d=t[++i]}r!==d?.index&&(a=U.nextNode(),r++)}return U.currentNode=B,o}p(s){let e=0;for(let t of this._$AV)t!==void 0&&(t.strings!==void 0?(t._$AI(s,t,e),e+=t.strings.length-2):t._$AI(s[e])),e++}},oe=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(s,e,t,o){this.type=2,this._$AH=p,this._$AN=void 0,this._$AA=s,this._$AB=e,this._$AM=t,this.options=o,this._$Cv=o?.isConnected??!0}get parentNode(){let s=this._$AA.parentNode,e=this._$AM;return e!==void 0&&s?.nodeType===11&&(s=e.parentNode),s}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(s,e=this){s=j(this,s,e),te(s)?s===p||s==null||s===""?(this._$AH!==p&&this._$AR(),this._$AH=p):s!==this._$AH&&s!==W&&this._(s):s._$litType$!==void 0?this.$(s):s.nodeType!==void 0?this.T(s):Mt(s)?this.k(s):this._(s)}O(s){return this._$AA.parentNode.insertBefore(s,this._$AB)}T(s){this._$AH!==s&&(this._$AR(),this._$AH=this.O(s))}_(s){this._$AH!==p&&te(this._$AH)?this._$AA.nextSibling.data=s:this.T(B.createTextNode(s)),this._$AH=s}$(s){let{values:e,_$litType$:t}=s,o=typeof t=="number"?this._$AC(s):(t.el===void 0&&(t.el=se.createElement(at(t.h,t.h[0]),this.options)),t);if(this._$AH?._$AD===o)this._$AH.p(e);else{let a=new we(o,this),r=a.u(this.options);a.p(e),this.T(r),this._$AH=a}}_$AC(s){let e=et.get(s.strings);return e===void 0&&et.set(s.strings,e=new se(s)),e}k(s){Ce(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,t,o=0;for(let a of s)o===e.length?e.push(t=new n(this.O(ee()),this.O(ee()),this,this.options)):t=e[o],t._$AI(a),o++;o<e.length&&(this._$AR(t&&t._$AB.nextSibling,o),e.length=o)}_$AR(s=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);s!==this._$AB;){let t=Ye(s).nextSibling;Ye(s).remove(),s=t}}setConnected(s){this._$AM===void 0&&(this._$Cv=s,this._$AP?.(s))}},V=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(s,e,t,o,a){this.type=1,this._$AH=p,this._$AN=void 0,this.element=s,this.name=e,this._$AM=o,this.options=a,t.length>2||t[0]!==""||t[1]!==""?(this._$AH=Array(t.length-1).fill(new String),this.strings=t):this._$AH=p}_$AI(s,e=this,t,o){let a=this.strings,r=!1;if(a===void 0)s=j(this,s,e,0),r=!te(s)||s!==this._$AH&&s!==W,r&&(this._$AH=s);else{let i=s,d,c;for(s=a[0],d=0;d<a.length-1;d++)c=j(this,i[t+d],e,d),c===W&&(c=this._$AH[d]),r||=!te(c)||c!==this._$AH[d],c===p?s=p:s!==p&&(s+=(c??"")+a[d+1]),this._$AH[d]=c}r&&!o&&this.j(s)}j(s){s===p?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,s??"")}},$e=class extends V{constructor(){super(...arguments),this.type=3}j(s){this.element[this.name]=s===p?void 0:s}},xe=class extends V{constructor(){super(...arguments),this.type=4}j(s){this.element.toggleAttribute(this.name,!!s&&s!==p)}},Ae=class extends V{constructor(s,e,t,o,a){super(s,e,t,o,a),this.type=5}_$AI(s,e=this){if((s=j(this,s,e,0)??p)===W)return;let t=this._$AH,o=s===p&&t!==p||s.capture!==t.capture||s.once!==t.once||s.passive!==t.passive,a=s!==p&&(t===p||o);o&&this.element.removeEventListener(this.name,this,t),a&&this.element.addEventListener(this.name,this,s),this._$AH=s}handleEvent(s){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,s):this._$AH.handleEvent(s)}},Se=class{constructor(s,e,t){this.element=s,this.type=6,this._$AN=void 0,this._$AM=e,this.options=t}get _$AU(){return this._$AM._$AU}_$AI(s){j(this,s)}};var Bt=Te.litHtmlPolyfillSupport;Bt?.(se,oe),(Te.litHtmlVersions??=[]).push("3.3.3");var nt=(n,s,e)=>{let t=e?.renderBefore??s,o=t._$litPart$;if(o===void 0){let a=e?.renderBefore??null;t._$litPart$=o=new oe(s.insertBefore(ee(),a),a,void 0,e??{})}return o._$AI(n),o};var Ee=globalThis,v=class extends O{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let s=super.createRenderRoot();return this.renderOptions.renderBefore??=s.firstChild,s}update(s){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(s),this._$Do=nt(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return W}};v._$litElement$=!0,v.finalized=!0,Ee.litElementHydrateSupport?.({LitElement:v});var Wt=Ee.litElementPolyfillSupport;Wt?.({LitElement:v});(Ee.litElementVersions??=[]).push("4.2.2");var Ft={attribute:!0,type:String,converter:X,reflect:!1,hasChanged:ue},qt=(n=Ft,s,e)=>{let{kind:t,metadata:o}=e,a=globalThis.litPropertyMetadata.get(o);if(a===void 0&&globalThis.litPropertyMetadata.set(o,a=new Map),t==="setter"&&((n=Object.create(n)).wrapped=!0),a.set(e.name,n),t==="accessor"){let{name:r}=e;return{set(i){let d=s.get.call(this);s.set.call(this,i),this.requestUpdate(r,d,n,!0,i)},init(i){return i!==void 0&&this.C(r,void 0,n,i),i}}}if(t==="setter"){let{name:r}=e;return function(i){let d=this[r];s.call(this,i),this.requestUpdate(r,d,n,!0,i)}}throw Error("Unsupported decorator location: "+t)};function u(n){return(s,e)=>typeof e=="object"?qt(n,s,e):((t,o,a)=>{let r=o.hasOwnProperty(a);return o.constructor.createProperty(a,t),r?Object.getOwnPropertyDescriptor(o,a):void 0})(n,s,e)}function y(n){return u({...n,state:!0,attribute:!1})}var F=(n,s,e)=>(e.configurable=!0,e.enumerable=!0,Reflect.decorate&&typeof s!="object"&&Object.defineProperty(n,s,e),e);function rt(n,s){return(e,t,o)=>{let a=r=>r.renderRoot?.querySelector(n)??null;if(s){let{get:r,set:i}=typeof t=="object"?e:o??(()=>{let d=Symbol();return{get(){return this[d]},set(c){this[d]=c}}})();return F(e,t,{get(){let d=r.call(this);return d===void 0&&(d=a(this),(d!==null||this.hasUpdated)&&i.call(this,d)),d}})}return F(e,t,{get(){return a(this)}})}}function E(n,s){let e=()=>{window.customElements.get(n)||window.customElements.define(n,s)};e();let t=window.customElements;t.whenDefined("home-assistant").then(()=>{window.customElements!==t&&e()})}function Re(n,s=!1){s?history.replaceState(history.state,"",n):history.pushState(null,"",n),window.dispatchEvent(new CustomEvent("location-changed",{detail:{replace:s}}))}function k(n,s,e){n.dispatchEvent(new CustomEvent(s,{detail:e,bubbles:!0,composed:!0}))}var x="guest-pins-navigate";function D(n,s){if(n.size!==1||!n.has("hass"))return!1;let e=n.get("hass");return!!e&&!!s&&e.localize===s.localize&&e.language===s.language&&e.locale===s.locale}var Ne={message:{guest:"{% if replaces %}This replaces the door code we sent earlier. {% endif %}Hello {{ guest }}, your door code for {{ property }}{% if code %} is {{ code }}{% else %}:{% for key in codes %} {{ key.lock }} {{ key.code }}{{ ',' if not loop.last }}{% endfor %}{% endif %}. It works from {{ checkin }} until {{ checkout }}.{% if backup %} (This code was set aside for you because your own code could not be confirmed on every lock.){% endif %}",guest_title:"{{ property }}: your door code",host_title:"{{ property }}: door code for {{ guest }}{% if reference %} ({{ reference }}){% endif %}, {{ checkin }}"},logbook:{who_guest:"{name} (guest)",who_backup:"{name} (guest, backup code)",who_static:"{name} (static PIN)",who_manual:"Manual code",who_spare_backup:"Backup code",who_idle_backup:"Someone (a backup code nobody was given)",who_unknown:"Someone (an unknown code)",opened:"opened {lock}",opened_outside:"opened {lock} outside that code's time",code_on:"code put on {lock}",code_off:"code removed from {lock}",checked_in:"checked in",checked_out:"checked out",status:"stay now: {status}",reminder:"arrives in {hours} h",check_ready:"check before arrival: the code works on every lock",check_not_ready:"check before arrival: the code is not confirmed on {locks}",code_sent:"was sent the door code ({channel})",code_resent:"was sent a new door code that replaces the earlier one ({channel})",backup_handed_out:"was given the backup code for {lock}",delivery_failed:"could not be sent the door code ({channel})",door_opened:"had {lock} opened remotely",missing_code:"has no code on {lock} yet, close to check-in",collision:"would have had the same code as {other} on {lock}",collision_moved:"would have had the same code as {other} on {lock}; got another code",write_failed:"keeps failing to take a code (slot {slot})",capacity_exceeded:"has no free slot for {count} codes",missed_while_down:"{count} steps fell due while Home Assistant was stopped",channel_host:"host",channel_sms:"SMS",channel_email:"e-mail",guest:"Guest",channel_beds24:"Beds24",channel_lodgify:"Lodgify"},panel:{title:"Guest PINs",menu:"Open the sidebar",property:"Property",views:"Views",tab_timeline:"Timeline",tab_alerts:"Alerts ({count})",loading:"Loading…",admin_only:"Only administrators can use this panel.",no_property:"No property is set up yet. Add one under Settings → Devices & services → Add integration → Guest PINs.",error_unauthorized:"Only administrators can do this.",error_unknown:"Something went wrong. Try again.",guest:"Guest",removed_lock:"A removed lock",back_to_timeline:"Back to the timeline",period:"Period",today:"Today",previous_day:"Previous day",next_day:"Next day",previous_week:"Previous week",next_week:"Next week",previous_month:"Previous month",next_month:"Next month",zoom:"Zoom",zoom_day:"Day",zoom_week:"Week",zoom_month:"Month",now:"Now",no_locks:"This property has no locks yet. Add one from the property's page under Settings → Devices & services.",lock_button_label:"{lock}, {status}: open the lock",stay_bar_label:"{guest}, {range}, {state}",static_bar_label:"{name} (static PIN), {range}",backup_bar_label:"Backup code handed to {guest}, works until {until}",legend:"Legend",legend_more:"What the colours mean",legend_static:"Static PIN",legend_static_help:"A code that is not a guest's (a cleaner, a family member), shown when it works.",legend_backup:"Thin bar at the top of a lock",legend_backup_help:"That lock's backup code was handed to a guest; it works for them until the end shown.",bar_state_scheduled:"Scheduled",bar_state_scheduled_help:"The code is not due on the lock yet.",bar_state_queued:"Queued",bar_state_queued_help:"The code waits in the lock's queue to be written.",bar_state_on_lock:"On the lock",bar_state_on_lock_help:"The code was written; this lock cannot confirm it.",bar_state_confirmed:"Confirmed",bar_state_confirmed_help:"The lock confirmed the code, or it was read back.",bar_state_failing:"Failing",bar_state_failing_help:"Writing the code keeps failing, or the lock cannot be reached close to check-in.",bar_state_backup:"Backup code",bar_state_backup_help:"The guest was given this lock's backup code.",bar_state_checked_in:"Checked in",bar_state_checked_in_help:"The guest has used their code.",bar_state_ended:"Ended",bar_state_ended_help:"The time the code works is over.",lock_status_online:"Online",lock_status_asleep:"Asleep (takes changes when it wakes)",lock_status_offline:"Offline",lock_status_no_path:"No code path",stay_status_booked:"Booked",stay_status_code_ready:"Code ready",stay_status_code_sent:"Code sent",stay_status_checked_in:"Checked in",stay_status_checked_out:"Checked out",stay_status_cancelled:"Cancelled",stay_not_found:"This stay is not in the period shown. Go back to the timeline and find it there.",booking:"Booking",reference:"Booking reference",calendars:"Calendars",checkin:"Check-in",checkout:"Check-out",code_window:"The code works",status:"Status",none:"None",door_code:"Door code",code_hidden:"Code hidden",reveal:"Reveal",hide:"Hide",reveal_hint:"The code is hidden again after 30 seconds.",code_on_lock:"On {lock}: {code}",backup_on_lock:"Backup code for {lock}: {code}",method_custom:"You chose this code.",method_regenerated:"A new random code, made when you asked for one.",method_phone:"Made from the last digits of the guest's phone number.",method_description:"Taken from the booking's description.",method_date:"Made from the booking's dates.",frozen_yes:"It has reached a lock or the guest, so it no longer changes by itself.",frozen_no:"It may still change by itself until it reaches a lock or the guest.",regenerate:"Regenerate",regenerate_not_allowed:"A new code can only be made for a stay that starts and ends at least a day from now.",regenerate_confirm:"Give {guest} a new code? The current code stops working once the new one is on the locks.",regenerate_yes:"Make a new code",regenerate_done:"{guest} has a new code. It goes onto the locks and out to the guest.",cancel:"Cancel",set_code:"Set your own code",set_code_label:"New code (4 to 8 digits)",set_code_help:"Only digits. The code goes onto the locks and out to the guest.",set_code_invalid:"Enter a code of 4 to 8 digits.",set_code_done:"Your code for {guest} is saved.",save:"Save",resend:"Resend",resend_done:"The keys of {guest} are being sent again.",on_the_locks:"On the locks",lock:"Lock",state:"State",actions:"Actions",apply_now:"Apply now",apply_now_done:"Waiting changes are being written to {lock} now.",delivery:"Messages to the guest",channel:"Channel",to:"To",sent_at:"Sent",channel_host:"You (the host)",channel_sms:"SMS",channel_email:"E-mail",delivery_waiting:"Waiting",delivery_sent:"Sent",delivery_failing:"Failing",no_delivery:"No message goes out for this stay.",not_yet:"Not yet",use:"Use",first_use:"First use",access_log:"Access log",when:"When",who:"Who",who_guest:"{name} (guest)",who_backup:"{name} (guest, backup code)",who_static:"{name} (static PIN)",who_manual:"A manual code",who_idle_backup:"Someone (a backup code nobody was given)",who_unknown:"Someone (an unknown code)",no_access:"Nobody has opened a lock with this stay's codes yet.",lock_not_found:"This lock is not part of the property any more.",lock_health:"Lock",last_seen:"Last report",never:"Never",battery:"Battery",battery_value:"{level} %",battery_low_value:"{level} % (low)",battery_unknown:"No battery reading",transactions_week:"Transactions this week",wakeups_week:"Wake-ups this week",slots_used:"Slots in use",slots_used_value:"{used} of {count}",code_times:"Code times",native_windows_yes:"The lock itself limits each code to its time.",native_windows_no:"Guest PINs puts each code on the lock and takes it off on time.",slots:"Slots",slot:"Slot",whose:"Whose",kind:"Kind",code:"Code",since:"Since",unknown:"Unknown",reveal_slot:"Reveal the code in slot {slot}",no_slots:"Guest PINs has no code on this lock.",kind_guest:"Guest",kind_static:"Static PIN",kind_manual:"Manual code",kind_backup:"Backup code",kind_other:"Other code",kind_empty:"Emptying the slot",queue:"Waiting for the lock",queue_empty:"Nothing waits for this lock.",queue_summary_one:"{count} change waits to be written.",queue_summary_other:"{count} changes wait to be written.",due:"Due by",why:"Why it waits",attempts:"Failed attempts",retry_at:"Next try: {time}",reason_batching:"Waits to be written together with other changes",reason_scheduled:"Written when its time comes",reason_lock_unreachable:"The lock cannot be reached",reason_waiting_for_wake_up:"Waits for the lock to wake up",reason_retrying:"Tried again after a failed write",backups:"Backup codes",handed_to:"Handed to",handed_to_until:"{guest}, until {until}",nobody:"Nobody",no_backups:"This lock has no backup codes.",backup_idle:"Ready, not handed out",backup_handed_out:"Handed out",backup_not_on_lock:"Not on the lock yet",alerts_title:"Open problems",alert_untitled:"A problem needs your attention",no_alerts:"No open problems.",severity_warning:"Warning",severity_error:"Error",open_lock:"Open {lock}"},card:{title:"Guest PINs",description:"Who is staying, the next arrival and whether its door code is ready, for one lock.",error_no_entity:"Choose the stay status sensor of a lock (sensor.<lock>_stay_status) as the card's entity.",entity_missing:"The entity {entity} is not available.",editor_entity:"Stay status sensor of a lock",editor_title:"Title (optional)",stay_status_name:"Stay status",guest:"Guest",now_in:"Staying now",nobody:"Nobody",next_arrival:"Next arrival",next_arrival_value:"{guest}, {time}",no_arrival:"None booked",code:"Door code",lock_key:"{lock}: {state}",key_state_ready:"ready",key_state_waiting:"not on the lock yet",key_state_backup:"backup code given",key_state_scheduled:"not due yet",key_state_queued:"waiting to be written",key_state_on_lock:"on the lock",key_state_confirmed:"confirmed",key_state_failing:"failing",key_state_checked_in:"used",key_state_ended:"ended",key_state_other:"unknown",alerts:"Open problems",alerts_count_one:"{count} open problem",alerts_count_other:"{count} open problems",alert_untitled:"A problem needs your attention",no_alerts:"No open problems.",open_panel:"Open Guest PINs",lock_status_online:"Online",lock_status_asleep:"Asleep (takes changes when it wakes)",lock_status_offline:"Offline",lock_status_no_path:"No code path",stay_status_booked:"Booked",stay_status_code_ready:"Code ready",stay_status_code_sent:"Code sent",stay_status_checked_in:"Checked in",stay_status_checked_out:"Checked out",stay_status_cancelled:"Cancelled"}};var Pe="guest_pins",K=`component.${Pe}`,it={panel:Ne.panel,card:Ne.card},Vt=["config_panel","issues","exceptions","entity"],Kt=3;function dt(n,s){return s?n.replace(/\{([a-z0-9_]+)\}/gi,(e,t)=>t in s?String(s[t]):e):n}var b=class{constructor(s,e){this.hass=s;this.scope=e}pluralCategory(s){try{return new Intl.PluralRules(fe(this.hass)).select(s)}catch{return s===1?"one":"other"}}t(s,e){let t=this.hass.localize(`${K}.config_panel.${this.scope}.${s}`,e);if(t)return t;let o=it[this.scope][s];return o===void 0?s:dt(o,e)}tn(s,e,t){let o={...t,count:e};for(let r of[`${s}_${this.pluralCategory(e)}`,`${s}_other`]){let i=this.hass.localize(`${K}.config_panel.${this.scope}.${r}`,o);if(i)return i}let a=it[this.scope][e===1?`${s}_one`:`${s}_other`];return a===void 0?s:dt(a,o)}stayStatus(s){return this.hass.localize(`${K}.entity.sensor.stay_status.state.${s}`)||this.t(`stay_status_${s}`)}lockStatus(s){return this.hass.localize(`${K}.entity.sensor.status.state.${s}`)||this.t(`lock_status_${s}`)}issue(s,e,t){let o=this.hass.localize(`${K}.issues.${s}.${t}`,e);return o||(t==="title"?this.t("alert_untitled"):"")}error(s){let e=typeof s=="object"&&s!==null?s:{};if(e.code==="unauthorized")return this.t("error_unauthorized");if(e.translation_key){let t=e.translation_domain||Pe,o=this.hass.localize(`component.${t}.exceptions.${e.translation_key}.message`,e.translation_placeholders);if(o)return o}return typeof e.message=="string"&&e.message?e.message:this.t("error_unknown")}};function fe(n){return n.locale?.language||n.language||"en"}var ge=class{constructor(s){this.host=s;this.loading=!1;this.reloads=0;this.revision=0;s.addController(this)}hostUpdate(){let s=this.host.hass;if(!s||this.loading)return;let e=!s.localize(`${K}.config_panel.panel.title`);if(s.language===this.loadedFor&&!(e&&this.reloads<Kt))return;s.language===this.loadedFor?this.reloads+=1:this.reloads=0;let t=s.language;this.loadedFor=t,this.loading=!0,Promise.all(Vt.map(o=>s.loadBackendTranslation?.(o,Pe))).catch(()=>{}).then(()=>{this.loading=!1,this.loadedFor===t&&(this.revision+=1,this.host.requestUpdate())})}};var R=$`
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
`,ye=$`
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
`,ae={scheduled:"○",queued:"…",on_lock:"↑",confirmed:"✓",failing:"!",backup:"◆",checked_in:"●",ended:"–"};var lt={error:0,warning:1},Y=class extends v{constructor(){super(...arguments);this.revision=0}shouldUpdate(e){return!D(e,this.hass)}render(){let{hass:e,overview:t}=this;if(!e||!t)return p;let o=new b(e,"panel"),a=[...t.alerts].sort((r,i)=>lt[r.severity]-lt[i.severity]);return l`
      <h2>${o.t("alerts_title")}</h2>
      ${a.length?l`<ul class="alerts">
            ${a.map(r=>{let i=r.lock_id?t.locks.find(c=>c.id===r.lock_id):void 0,d=o.issue(r.kind,r.placeholders,"description");return l`<li class="card alert ${r.severity}" data-testid="alert" data-kind=${r.kind}>
                <div class="head">
                  <span class="chip severity">
                    <span class="icon" aria-hidden="true">${r.severity==="error"?"✕":"!"}</span>
                    ${o.t(`severity_${r.severity}`)}
                  </span>
                  <h3>${o.issue(r.kind,r.placeholders,"title")}</h3>
                </div>
                ${d?l`<p>${d}</p>`:p}
                ${i?l`<button class="btn small" data-testid="alert-lock" @click=${()=>k(this,x,{path:`/lock/${encodeURIComponent(i.id)}`})}>
                      ${o.t("open_lock",{lock:i.name})}
                    </button>`:p}
              </li>`})}
          </ul>`:l`<p class="card muted" data-testid="no-alerts">${o.t("no_alerts")}</p>`}
    `}static{this.styles=[R,$`
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
  `]}};h([u({attribute:!1})],Y.prototype,"hass",2),h([u({attribute:!1})],Y.prototype,"overview",2),h([u({attribute:!1})],Y.prototype,"revision",2);E("guest-pins-alerts-view",Y);var pt=["day","week","month"],ne=864e5,ct=["sunday","monday","tuesday","wednesday","thursday","friday","saturday"],ht=new Map;function Yt(n){let s=ht.get(n);return s||(s=new Intl.DateTimeFormat("en-US",{timeZone:n,hourCycle:"h23",year:"numeric",month:"numeric",day:"numeric",hour:"numeric",minute:"numeric",second:"numeric"}),ht.set(n,s)),s}function re(n,s){let e={};for(let t of Yt(s).formatToParts(n))t.type!=="literal"&&(e[t.type]=Number(t.value));return Date.UTC(e.year,e.month-1,e.day,e.hour%24,e.minute,e.second)}function Oe(n,s){let e=new Date(re(n,s));return{year:e.getUTCFullYear(),month:e.getUTCMonth()+1,day:e.getUTCDate()}}function ie(n,s,e=0,t=0){let o=Date.UTC(n.year,n.month-1,n.day,e,t),a=o-(re(o-ne,s)-(o-ne)),r=o-(re(o+ne,s)-(o+ne)),i=[a,r].filter(d=>re(d,s)===o);return i.length?Math.min(...i):Math.max(a,r)}function Zt(n,s,e){return re(ie(n,s,e),s)===Date.UTC(n.year,n.month-1,n.day,e)}function Z(n,s){let e=new Date(Date.UTC(n.year,n.month-1,n.day)+s*ne);return{year:e.getUTCFullYear(),month:e.getUTCMonth()+1,day:e.getUTCDate()}}function ut(n,s){let e=new Date(Date.UTC(n.year,n.month-1+s,1));return{year:e.getUTCFullYear(),month:e.getUTCMonth()+1,day:1}}function Qt(n){return new Date(Date.UTC(n.year,n.month-1,n.day)).getUTCDay()}function mt(n){let s=n.locale?.first_weekday;if(s&&ct.includes(s))return ct.indexOf(s);if(s==="language")try{let e=new Intl.Locale(fe(n)),t=e.getWeekInfo?.()??e.weekInfo;if(t)return t.firstDay%7}catch{}return 1}function gt(n,s,e,t){let o=s,a;return n==="day"?a=Z(o,1):n==="week"?(o=Z(s,-((Qt(s)-t+7)%7)),a=Z(o,7)):(o={...s,day:1},a=ut(o,1)),{zoom:n,from:o,start:ie(o,e),end:ie(a,e)}}function ft(n,s,e){return n==="day"?Z(s,e):n==="week"?Z(s,7*e):ut(s,e)}var z=class n{constructor(s,e){this.timeZone=e;this.cache=new Map;this.lang=fe(s);let t=s.locale?.time_format;this.hourOptions=t==="12"?{hour12:!0}:t==="24"?{hourCycle:"h23"}:t==="system"?Jt():{}}format(s,e){let t=this.cache.get(s);if(!t){let o=e.hour?{...e,...this.hourOptions}:e;try{t=new Intl.DateTimeFormat(this.lang,{...o,timeZone:this.timeZone})}catch{t=new Intl.DateTimeFormat(this.lang,o)}this.cache.set(s,t)}return t}static ms(s){return typeof s=="number"?s:Date.parse(s)}dateTime(s){return this.format("dt",{weekday:"short",day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}).format(n.ms(s))}shortDateTime(s){return this.format("sdt",{day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}).format(n.ms(s))}range(s,e){let t=this.format("sdt",{day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}),o=n.ms(s),a=n.ms(e);return a>=o?t.formatRange(o,a):`${t.format(o)} – ${t.format(a)}`}spanTitle(s){return s.zoom==="day"?this.format("day",{weekday:"long",day:"numeric",month:"long",year:"numeric"}).format(s.start):s.zoom==="month"?this.format("month",{month:"long",year:"numeric"}).format(s.start):this.format("week",{day:"numeric",month:"short",year:"numeric"}).formatRange(s.start,s.end-1)}ticks(s,e){let t=[];if(s.zoom==="day"){let a=this.format("hour",{hour:"numeric",minute:"2-digit"}),r=e?6:2;for(let i=0;i<24;i+=r){if(!Zt(s.from,this.timeZone,i))continue;let d=ie(s.from,this.timeZone,i);d>=s.start&&d<s.end&&t.push({ms:d,label:a.format(d),major:i===0})}return t}let o=s.zoom==="week"?this.format(e?"wd-n":"wd",e?{weekday:"narrow",day:"numeric"}:{weekday:"short",day:"numeric"}):this.format("d",{day:"numeric"});for(let a=s.from,r=0;r<32;a=Z(a,1),r++){let i=ie(a,this.timeZone);if(i>=s.end)break;let d=s.zoom==="month"&&e?7:1;t.push({ms:i,label:r%d===0?o.format(i):"",major:!0})}return t}};function Jt(){let n=new Intl.DateTimeFormat(void 0,{hour:"numeric"}).resolvedOptions().hourCycle;return n?{hourCycle:n}:{}}var Le=["scheduled","queued","on_lock","confirmed","failing","backup","checked_in","ended"];async function yt(n){return(await n.callWS({type:"guest_pins/properties"})).properties}function _t(n,s,e,t,o,a){let r={type:"guest_pins/subscribe",entry_id:s,start:e,end:t};return n.connection.subscribeMessage(a,o===void 0?r:{...r,stay_id:o},{resubscribe:!0})}function bt(n,s,e){return n.callWS({type:"guest_pins/reveal",entry_id:s,stay_id:e})}function vt(n,s,e,t){return n.callWS({type:"guest_pins/reveal_slot",entry_id:s,lock_id:e,slot:t})}async function kt(n,s,e){await n.callWS({type:"guest_pins/regenerate",entry_id:s,stay_id:e})}async function wt(n,s,e,t){await n.callWS({type:"guest_pins/set_code",entry_id:s,stay_id:e,code:t})}async function $t(n,s,e){await n.callWS({type:"guest_pins/resend",entry_id:s,stay_id:e})}async function _e(n,s,e){await n.callWS({type:"guest_pins/apply_now",entry_id:s,lock_id:e})}function xt(n){return/^[0-9]{4,8}$/.test(n)}var De=3e4,A=class extends v{constructor(){super(...arguments);this.revision=0;this.stayId="";this.confirming=!1;this.editing=!1}disconnectedCallback(){super.disconnectedCallback(),this.hide()}willUpdate(e){e.has("stayId")&&e.get("stayId")!==void 0&&(this.hide(),this.message=void 0,this.confirming=!1,this.editing=!1)}hide(){window.clearTimeout(this.revealTimer),this.revealTimer=void 0,this.revealed=void 0}lockName(e,t){return this.overview?.locks.find(o=>o.id===e)?.name??t.t("removed_lock")}async run(e,t,o){let a=new b(this.hass,"panel"),r=e==="apply_now"?"locks":"code";this.busy=e,this.message=void 0;try{await t(),this.message={kind:"success",text:o,where:r}}catch(i){this.message={kind:"error",text:a.error(i),where:r}}finally{this.busy=void 0}}async doReveal(e){let t=new b(this.hass,"panel");this.busy="reveal",this.message=void 0;try{this.revealed=await bt(this.hass,this.overview.entry_id,e.id),window.clearTimeout(this.revealTimer),this.revealTimer=window.setTimeout(()=>this.hide(),De)}catch(o){this.message={kind:"error",text:t.error(o),where:"code"}}finally{this.busy=void 0}}async saveCode(e,t){let o=this.codeInput,a=o?.value.trim()??"";if(!xt(a)){this.message={kind:"error",text:t.t("set_code_invalid"),where:"code"},o?.focus();return}await this.run("set_code",()=>wt(this.hass,this.overview.entry_id,e.id,a),t.t("set_code_done",{guest:e.guest})),this.message?.kind==="success"&&(o&&(o.value=""),this.editing=!1,this.hide())}resendKeys(e,t){let o=t.t("resend_done",{guest:e.guest});return this.run("resend",()=>$t(this.hass,this.overview.entry_id,e.id),o)}apply(e,t){let o=t.t("apply_now_done",{lock:this.lockName(e,t)});return this.run("apply_now",()=>_e(this.hass,this.overview.entry_id,e),o)}async open(e){this.confirming=e==="confirm",this.editing=e==="edit",this.message=void 0,await this.updateComplete;let t=e==="confirm"?'[data-testid="regenerate-confirm"]':e==="edit"?"#own-code":void 0;t&&this.renderRoot.querySelector(t)?.focus()}shouldUpdate(e){return!D(e,this.hass)}render(){let{hass:e,overview:t}=this;if(!e||!t)return p;let o=new b(e,"panel"),a=t.stays.find(d=>d.id===this.stayId),r=l`<button class="back btn small" @click=${()=>k(this,x,{path:""})}>
      <span aria-hidden="true">←</span> ${o.t("back_to_timeline")}
    </button>`;if(!a)return l`${r}<p class="message warning" role="status">${o.t("stay_not_found")}</p>`;let i=new z(e,t.time_zone);return l`
      ${r}
      <header>
        <h2>${a.guest}</h2>
        <span class="chip">${o.stayStatus(a.status)}</span>
      </header>
      <div class="sections">
        <section class="card" aria-labelledby="booking">
          <h3 id="booking">${o.t("booking")}</h3>
          <dl class="facts">
            <dt>${o.t("reference")}</dt>
            <dd>${a.reference??o.t("none")}</dd>
            <dt>${o.t("calendars")}</dt>
            <dd>${a.calendars.length?a.calendars.join(", "):o.t("none")}</dd>
            <dt>${o.t("checkin")}</dt>
            <dd>${i.dateTime(a.checkin)}</dd>
            <dt>${o.t("checkout")}</dt>
            <dd>${i.dateTime(a.checkout)}</dd>
            <dt>${o.t("code_window")}</dt>
            <dd>${i.range(a.window_start,a.window_end)}</dd>
            <dt>${o.t("status")}</dt>
            <dd>${o.stayStatus(a.status)}</dd>
          </dl>
        </section>
        ${this.renderCode(a,o)}
        ${this.renderLocks(a,o)}
        ${this.renderDelivery(a,o,i)}
        ${this.renderUse(a,o,i)}
      </div>
    `}renderMessage(e){let t=this.message;return!t||t.where!==e?p:t.kind==="error"?l`<p class="message error" role="alert" data-testid="error">${t.text}</p>`:l`<p class="message success" role="status" data-testid="success">${t.text}</p>`}renderCode(e,t){let o=this.revealed,a=o?[...Object.entries(o.lock_codes).map(([d,c])=>t.t("code_on_lock",{lock:this.lockName(d,t),code:c})),...Object.entries(o.backups).map(([d,c])=>t.t("backup_on_lock",{lock:this.lockName(d,t),code:c}))]:[],r=this.busy!==void 0,i=!o&&!this.overview?.show_codes;return l`
      <section class="card" aria-labelledby="code">
        <h3 id="code">${t.t("door_code")}</h3>
        <div class="code-row">
          <span class="code big" data-testid="stay-code" role=${i?"img":p} aria-label=${i?t.t("code_hidden"):p}>${o?o.code:e.code}</span>
          ${o?l`<button class="btn small" @click=${()=>this.hide()}>${t.t("hide")}</button>
                <span class="muted">${t.t("reveal_hint")}</span>`:l`<button class="btn small" data-testid="reveal" ?disabled=${r} @click=${()=>this.doReveal(e)}>${t.t("reveal")}</button>`}
        </div>
        ${a.length?l`<ul class="extra code-list" data-testid="stay-lock-codes">${a.map(d=>l`<li>${d}</li>`)}</ul>`:p}
        <p>${t.t(`method_${e.method}`)} <span class="muted">${t.t(e.frozen?"frozen_yes":"frozen_no")}</span></p>
        <div class="actions">
          <button class="btn" data-testid="regenerate" ?disabled=${!e.can_regenerate||r} @click=${()=>this.open("confirm")}>
            ${t.t("regenerate")}
          </button>
          <button class="btn" data-testid="set-code" ?disabled=${r} aria-expanded=${this.editing?"true":"false"} @click=${()=>this.open(this.editing?void 0:"edit")}>
            ${t.t("set_code")}
          </button>
          <button class="btn" data-testid="resend" ?disabled=${r} @click=${()=>this.resendKeys(e,t)}>
            ${t.t("resend")}
          </button>
        </div>
        ${e.can_regenerate?p:l`<p class="muted small">${t.t("regenerate_not_allowed")}</p>`}
        ${this.renderMessage("code")}
        ${this.confirming?l`<div class="confirm" role="group" aria-labelledby="confirm-text">
              <p id="confirm-text">${t.t("regenerate_confirm",{guest:e.guest})}</p>
              <button class="btn primary" data-testid="regenerate-confirm" ?disabled=${r} @click=${async()=>{this.confirming=!1,await this.run("regenerate",()=>kt(this.hass,this.overview.entry_id,e.id),t.t("regenerate_done",{guest:e.guest})),this.hide()}}>${t.t("regenerate_yes")}</button>
              <button class="btn" data-testid="regenerate-cancel" @click=${()=>{this.confirming=!1}}>${t.t("cancel")}</button>
            </div>`:p}
        ${this.editing?l`<form class="own-code" novalidate @submit=${d=>{d.preventDefault(),this.saveCode(e,t)}}>
              <label for="own-code">${t.t("set_code_label")}</label>
              <div class="inline">
                <input id="own-code" data-testid="set-code-input" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="8" aria-describedby="own-code-help" />
                <button class="btn primary" type="submit" data-testid="set-code-save" ?disabled=${r}>${t.t("save")}</button>
                <button class="btn" type="button" @click=${()=>{this.editing=!1}}>${t.t("cancel")}</button>
              </div>
              <p id="own-code-help" class="muted small">${t.t("set_code_help")}</p>
            </form>`:p}
      </section>
    `}renderLocks(e,t){return l`
      <section class="card" aria-labelledby="locks">
        <h3 id="locks">${t.t("on_the_locks")}</h3>
        <div class="table-wrap">
          <table class="stack">
            <thead><tr><th scope="col">${t.t("lock")}</th><th scope="col">${t.t("state")}</th><th scope="col"><span class="visually-hidden">${t.t("actions")}</span></th></tr></thead>
            <tbody>
              ${e.locks.map(o=>l`<tr data-lock=${o.lock_id}>
                  <td data-label=${t.t("lock")}>
                    <button class="link" @click=${()=>k(this,x,{path:`/lock/${encodeURIComponent(o.lock_id)}`})}>
                      ${this.lockName(o.lock_id,t)}
                    </button>
                  </td>
                  <td data-label=${t.t("state")}>
                    <span class="state state-${o.state}">
                      <span class="glyph" aria-hidden="true">${ae[o.state]??""}</span> ${t.t(`bar_state_${o.state}`)}
                    </span>
                  </td>
                  <td class="end" data-label="">
                    <button class="btn small" data-testid="apply-now" ?disabled=${this.busy!==void 0} @click=${()=>this.apply(o.lock_id,t)}>
                      ${t.t("apply_now")}
                    </button>
                  </td>
                </tr>`)}
            </tbody>
          </table>
        </div>
        ${this.renderMessage("locks")}
      </section>
    `}renderDelivery(e,t,o){return l`
      <section class="card" aria-labelledby="delivery">
        <h3 id="delivery">${t.t("delivery")}</h3>
        ${e.delivery.length?l`<div class="table-wrap"><table class="stack">
              <thead><tr><th scope="col">${t.t("channel")}</th><th scope="col">${t.t("to")}</th><th scope="col">${t.t("state")}</th><th scope="col">${t.t("sent_at")}</th></tr></thead>
              <tbody>
                ${e.delivery.map(a=>l`<tr>
                    <td data-label=${t.t("channel")}>${t.t(`channel_${a.channel}`)}</td>
                    <td data-label=${t.t("to")}>${a.label}</td>
                    <td data-label=${t.t("state")}><span class="delivery-${a.state} ${a.state==="failing"?"flag bad":""}">${t.t(`delivery_${a.state}`)}</span></td>
                    <td data-label=${t.t("sent_at")}>${a.sent_at?o.dateTime(a.sent_at):t.t("not_yet")}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:l`<p class="muted">${t.t("no_delivery")}</p>`}
      </section>
    `}renderUse(e,t,o){return l`
      <section class="card wide" aria-labelledby="use">
        <h3 id="use">${t.t("use")}</h3>
        <dl class="facts">
          <dt>${t.t("first_use")}</dt>
          <dd>${e.first_use?o.dateTime(e.first_use):t.t("not_yet")}</dd>
        </dl>
        <h4>${t.t("access_log")}</h4>
        ${e.access.length?l`<div class="table-wrap"><table class="stack">
              <thead><tr><th scope="col">${t.t("when")}</th><th scope="col">${t.t("lock")}</th><th scope="col">${t.t("who")}</th></tr></thead>
              <tbody>
                ${e.access.map(a=>l`<tr>
                    <td data-label=${t.t("when")}>${o.dateTime(a.at)}</td>
                    <td data-label=${t.t("lock")}>${this.lockName(a.lock_id,t)}</td>
                    <td data-label=${t.t("who")}>${t.t(`who_${a.who}`,{name:a.name??t.t("guest")})}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:l`<p class="muted">${t.t("no_access")}</p>`}
      </section>
    `}static{this.styles=[R,ye,$`
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
  `]}};h([u({attribute:!1})],A.prototype,"hass",2),h([u({attribute:!1})],A.prototype,"overview",2),h([u({attribute:!1})],A.prototype,"revision",2),h([u({attribute:!1})],A.prototype,"stayId",2),h([y()],A.prototype,"revealed",2),h([y()],A.prototype,"busy",2),h([y()],A.prototype,"message",2),h([y()],A.prototype,"confirming",2),h([y()],A.prototype,"editing",2),h([rt("#own-code")],A.prototype,"codeInput",2);E("guest-pins-stay-view",A);var N=class extends v{constructor(){super(...arguments);this.revision=0;this.lockId="";this.revealed=new Map;this.timers=new Map}disconnectedCallback(){super.disconnectedCallback(),this.hideAll()}willUpdate(e){e.has("lockId")&&e.get("lockId")!==void 0&&(this.hideAll(),this.message=void 0)}hideAll(){this.timers.forEach(e=>window.clearTimeout(e)),this.timers.clear(),this.revealed=new Map}hideSlot(e){window.clearTimeout(this.timers.get(e)),this.timers.delete(e);let t=new Map(this.revealed);t.delete(e),this.revealed=t}async reveal(e,t){let o=new b(this.hass,"panel");this.busy=`reveal-${t}`,this.message=void 0;try{let a=await vt(this.hass,this.overview.entry_id,e.id,t);this.revealed=new Map(this.revealed).set(t,a.code),window.clearTimeout(this.timers.get(t)),this.timers.set(t,window.setTimeout(()=>this.hideSlot(t),De))}catch(a){this.message={kind:"error",text:o.error(a)}}finally{this.busy=void 0}}async apply(e){let t=new b(this.hass,"panel");this.busy="apply",this.message=void 0;try{await _e(this.hass,this.overview.entry_id,e.id),this.message={kind:"success",text:t.t("apply_now_done",{lock:e.name})}}catch(o){this.message={kind:"error",text:t.error(o)}}finally{this.busy=void 0}}shouldUpdate(e){return!D(e,this.hass)}render(){let{hass:e,overview:t}=this;if(!e||!t)return p;let o=new b(e,"panel"),a=t.locks.find(f=>f.id===this.lockId),r=l`<button class="back btn small" @click=${()=>k(this,x,{path:""})}>
      <span aria-hidden="true">←</span> ${o.t("back_to_timeline")}
    </button>`;if(!a)return l`${r}<p class="message warning" role="status">${o.t("lock_not_found")}</p>`;let i=new z(e,t.time_zone),d=o.lockStatus(a.status),c=a.battery!==null&&a.battery<20;return l`
      ${r}
      <header>
        <h2>${a.name}</h2>
        <span class="chip"><span class="dot ${a.status}"></span>${d}</span>
        <span class="spacer"></span>
        <button class="btn primary" data-testid="apply-now" ?disabled=${this.busy!==void 0} @click=${()=>this.apply(a)}>${o.t("apply_now")}</button>
      </header>
      ${this.message?this.message.kind==="error"?l`<p class="message error" role="alert" data-testid="error">${this.message.text}</p>`:l`<p class="message success" role="status" data-testid="success">${this.message.text}</p>`:p}
      <div class="sections">
        <section class="card" aria-labelledby="about">
          <h3 id="about">${o.t("lock_health")}</h3>
          <dl class="facts">
            <dt>${o.t("status")}</dt>
            <dd>${d}</dd>
            <dt>${o.t("last_seen")}</dt>
            <dd>${a.last_seen?i.dateTime(a.last_seen):o.t("never")}</dd>
            <dt>${o.t("battery")}</dt>
            <dd class=${c?"warn flag":""}>
              ${a.battery===null?o.t("battery_unknown"):o.t(c?"battery_low_value":"battery_value",{level:a.battery})}
            </dd>
            <dt>${o.t("transactions_week")}</dt>
            <dd>${a.transactions_week}</dd>
            <dt>${o.t("wakeups_week")}</dt>
            <dd>${a.wakeups_week}</dd>
            <dt>${o.t("slots_used")}</dt>
            <dd>${a.slot_count===null?a.slots.length:o.t("slots_used_value",{used:a.slots.length,count:a.slot_count})}</dd>
            <dt>${o.t("code_times")}</dt>
            <dd>${o.t(a.native_windows?"native_windows_yes":"native_windows_no")}</dd>
          </dl>
        </section>
        ${this.renderSlots(a,o,i)} ${this.renderQueue(a,o,i)} ${this.renderBackups(a,o,i)}
      </div>
    `}renderSlots(e,t,o){let a=[...e.slots].sort((r,i)=>r.slot-i.slot);return l`
      <section class="card wide" aria-labelledby="slots">
        <h3 id="slots">${t.t("slots")}</h3>
        ${a.length?l`<div class="table-wrap"><table class="stack" data-testid="slots">
              <thead><tr>
                <th scope="col">${t.t("slot")}</th><th scope="col">${t.t("whose")}</th><th scope="col">${t.t("kind")}</th>
                <th scope="col">${t.t("code")}</th><th scope="col">${t.t("since")}</th>
              </tr></thead>
              <tbody>
                ${a.map(r=>{let i=this.revealed.get(r.slot);return l`<tr data-slot=${r.slot}>
                    <td data-label=${t.t("slot")}>${r.slot}</td>
                    <td data-label=${t.t("whose")}>${r.name||At(t)}</td>
                    <td data-label=${t.t("kind")}>${t.t(`kind_${r.kind}`)}</td>
                    <td data-label=${t.t("code")}><span class="nowrap">
                      <span class="code" data-testid="slot-code">${i??r.code}</span>
                      ${i!==void 0?l`<button class="btn small" @click=${()=>this.hideSlot(r.slot)}>${t.t("hide")}</button>`:Xt(this.overview)?l`<button
                              class="btn small"
                              data-testid="reveal-slot"
                              aria-label=${t.t("reveal_slot",{slot:r.slot})}
                              ?disabled=${this.busy!==void 0}
                              @click=${()=>this.reveal(e,r.slot)}
                            >
                              ${t.t("reveal")}
                            </button>`:p}
                    </span></td>
                    <td data-label=${t.t("since")}>${r.since?o.dateTime(r.since):t.t("unknown")}</td>
                  </tr>`})}
              </tbody>
            </table></div>`:l`<p class="muted">${t.t("no_slots")}</p>`}
      </section>
    `}renderQueue(e,t,o){return l`
      <section class="card wide" aria-labelledby="queue">
        <h3 id="queue">${t.t("queue")}</h3>
        ${e.queue.length?l`<p class="muted">${t.tn("queue_summary",e.queue.length)}</p>
              <div class="table-wrap"><table class="stack" data-testid="queue">
              <thead><tr>
                <th scope="col">${t.t("slot")}</th><th scope="col">${t.t("whose")}</th><th scope="col">${t.t("kind")}</th>
                <th scope="col">${t.t("due")}</th><th scope="col">${t.t("why")}</th><th scope="col">${t.t("attempts")}</th>
              </tr></thead>
              <tbody>
                ${e.queue.map(a=>l`<tr>
                    <td data-label=${t.t("slot")}>${a.slot}</td>
                    <td data-label=${t.t("whose")}>${a.name||At(t)}</td>
                    <td data-label=${t.t("kind")}>${t.t(`kind_${a.kind}`)}</td>
                    <td data-label=${t.t("due")}>${o.dateTime(a.due)}</td>
                    <td data-label=${t.t("why")}><div>
                      ${t.t(`reason_${a.reason}`)}
                      ${a.retry_at?l`<div class="muted small">${t.t("retry_at",{time:o.dateTime(a.retry_at)})}</div>`:p}
                    </div></td>
                    <td data-label=${t.t("attempts")}>${a.attempts}</td>
                  </tr>`)}
              </tbody>
            </table></div>`:l`<p class="muted">${t.t("queue_empty")}</p>`}
      </section>
    `}renderBackups(e,t,o){return l`
      <section class="card" aria-labelledby="backups">
        <h3 id="backups">${t.t("backups")}</h3>
        ${e.backups.length?l`<div class="table-wrap"><table class="stack">
              <thead><tr><th scope="col">${t.t("slot")}</th><th scope="col">${t.t("state")}</th><th scope="col">${t.t("handed_to")}</th><th scope="col">${t.t("code")}</th></tr></thead>
              <tbody>
                ${e.backups.map(a=>l`<tr>
                    <td data-label=${t.t("slot")}>${a.slot}</td>
                    <td data-label=${t.t("state")}>${t.t(`backup_${a.state}`)}</td>
                    <td data-label=${t.t("handed_to")}>
                      ${a.guest&&a.until?t.t("handed_to_until",{guest:a.guest,until:o.dateTime(a.until)}):a.guest??t.t("nobody")}
                    </td>
                    <td data-label=${t.t("code")}><span class="code">${this.revealed.get(a.slot)??a.code}</span></td>
                  </tr>`)}
              </tbody>
            </table></div>`:l`<p class="muted">${t.t("no_backups")}</p>`}
      </section>
    `}static{this.styles=[R,$`
    header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; margin: 12px 0; }
    .spacer { flex: 1; }
    .nowrap { white-space: nowrap; }
    .nowrap .btn { margin-left: 6px; }
    .small { font-size: 12px; }
    .warn { font-weight: 500; }
    @media (max-width: 600px) {
      th, td { padding: 6px 4px; }
    }
  `]}};h([u({attribute:!1})],N.prototype,"hass",2),h([u({attribute:!1})],N.prototype,"overview",2),h([u({attribute:!1})],N.prototype,"revision",2),h([u({attribute:!1})],N.prototype,"lockId",2),h([y()],N.prototype,"busy",2),h([y()],N.prototype,"message",2),h([y()],N.prototype,"revealed",2);function At(n){return l`<span aria-hidden="true">—</span><span class="visually-hidden">${n.t("none")}</span>`}function Xt(n){return!n?.show_codes}E("guest-pins-lock-view",N);var le="guest-pins-span",Gt=184,es=112,ze=6,He=30,Me=18,St=6,de=4,ts=72;function Tt(n){let s=[];return{placed:[...n].sort((t,o)=>t.start-o.start||t.end-o.end).map(t=>{let o=s.findIndex(a=>a<=t.start);return o<0&&(o=s.length),s[o]=t.end,{...t,lane:o}}),lanes:s.length}}var C=class extends v{constructor(){super(...arguments);this.revision=0;this.narrow=!1;this.loading=!1;this.now=Date.now();this.trackWidth=0;this.formatterKey=""}connectedCallback(){super.connectedCallback(),this.resizer=new ResizeObserver(([e])=>{this.trackWidth=Math.max(0,e.contentRect.width-this.labelWidth())}),this.resizer.observe(this)}disconnectedCallback(){super.disconnectedCallback(),this.resizer?.disconnect()}labelWidth(){return this.narrow?es:Gt}willUpdate(e){e.has("narrow")&&this.trackWidth&&(this.trackWidth=Math.max(0,this.getBoundingClientRect().width-this.labelWidth()))}fmt(e,t){let o=`${e.language}|${e.locale?.language}|${e.locale?.time_format}|${t}`;return(!this.formatter||o!==this.formatterKey)&&(this.formatter=new z(e,t),this.formatterKey=o),this.formatter}place(e,t){let o=this.span,a=o.end-o.start,r=Math.max(e,o.start),i=Math.min(t,o.end);return{left:(r-o.start)/a*100,width:Math.max(0,i-r)/a*100,cutStart:e<o.start,cutEnd:t>o.end}}fits(e){return e/100*this.trackWidth>=ts}shouldUpdate(e){return!D(e,this.hass)}render(){let{hass:e,overview:t,span:o}=this;if(!e||!t||!o)return p;let a=new b(e,"panel"),r=this.fmt(e,t.time_zone),i=r.ticks(o,this.narrow),d=this.now>=o.start&&this.now<o.end?this.place(this.now,this.now):void 0;return l`
      <div class="toolbar">
        <div class="nav" role="group" aria-label=${a.t("period")}>
          <button class="btn small" @click=${()=>this.step(-1)} aria-label=${a.t(`previous_${o.zoom}`)}>
            <span aria-hidden="true">‹</span>
          </button>
          <button class="btn small" @click=${()=>this.step(0)}>${a.t("today")}</button>
          <button class="btn small" @click=${()=>this.step(1)} aria-label=${a.t(`next_${o.zoom}`)}>
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <h2 class="span-title" aria-live="polite">${r.spanTitle(o)}</h2>
        <div class="zoom" role="group" aria-label=${a.t("zoom")}>
          ${pt.map(c=>l`<button
              class="btn small ${c===o.zoom?"primary":""}"
              aria-pressed=${c===o.zoom?"true":"false"}
              data-testid="zoom-${c}"
              @click=${()=>k(this,le,{zoom:c})}
            >
              ${a.t(`zoom_${c}`)}
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
        ${t.locks.length?t.locks.map(c=>this.renderRow(c,t,a,r)):l`<p class="empty muted">${a.t("no_locks")}</p>`}
        <div class="overlay" aria-hidden="true">
          ${i.map(c=>l`<span class="tick ${c.major?"major":""}" style="left: ${this.place(c.ms,c.ms).left}%"></span>`)}
          ${d?l`<span class="now" style="left: ${d.left}%" title=${a.t("now")}></span>`:p}
        </div>
      </div>
      ${this.renderLegend(a)}
    `}renderRow(e,t,o,a){let r=this.span,i=(g,_)=>_>r.start&&g<r.end,d=Tt(t.stays.flatMap(g=>{let _=g.locks.find(H=>H.lock_id===e.id),I=Date.parse(g.window_start),P=Date.parse(g.window_end);return _&&i(I,P)?[{item:{stay:g,state:_.state},start:I,end:P}]:[]})),c=Tt(t.statics.filter(g=>g.enabled!==!1&&g.locks.includes(e.id)).flatMap(g=>g.occurrences.map(_=>({item:g,start:Date.parse(_.start),end:Date.parse(_.end)})).filter(_=>i(_.start,_.end)))),f=e.backups.filter(g=>g.state==="handed_out"&&g.until&&i(this.now,Date.parse(g.until))),m=ze,S=ze+(f.length?St+de:0),T=S+d.lanes*(He+de),q=Math.max(52,T+c.lanes*(Me+de)+ze),Be=o.lockStatus(e.status);return l`
      <div class="row" data-testid="lock-row" data-lock=${e.id}>
        <div class="label">
          <button
            class="lock-name"
            data-testid="lock-name"
            aria-label=${o.t("lock_button_label",{lock:e.name,status:Be})}
            @click=${()=>k(this,x,{path:`/lock/${encodeURIComponent(e.id)}`})}
          >
            <span class="name">${e.name}</span>
            <span class="status"><span class="dot ${e.status}"></span>${Be}</span>
          </button>
        </div>
        <div class="track" style="height: ${q}px">
          ${f.map(g=>{let _=Date.parse(g.until),I=this.place(this.now,_),P=o.t("backup_bar_label",{guest:g.guest??o.t("guest"),until:a.shortDateTime(_)});return l`<button
              class="bar backup-bar fill state-backup"
              data-testid="backup-bar"
              style="left: ${I.left}%; width: ${I.width}%; top: ${m}px; height: ${St}px"
              aria-label=${P}
              title=${P}
              @click=${()=>k(this,x,{path:`/lock/${encodeURIComponent(e.id)}`})}
            ></button>`})}
          ${d.placed.map(({item:g,start:_,end:I,lane:P})=>this.renderStayBar(g.stay,g.state,_,I,S+P*(He+de),o,a))}
          ${c.placed.map(({item:g,start:_,end:I,lane:P})=>{let H=this.place(_,I),We=o.t("static_bar_label",{name:g.name,range:a.range(_,I)});return l`<span
              class="bar static-bar ${H.cutStart?"cut-start":""} ${H.cutEnd?"cut-end":""}"
              data-testid="static-bar"
              role="img"
              style="left: ${H.left}%; width: ${H.width}%; top: ${T+P*(Me+de)}px; height: ${Me}px"
              aria-label=${We}
              title=${We}
              ><span class="text">${this.fits(H.width)?g.name:""}</span></span
            >`})}
        </div>
      </div>
    `}renderStayBar(e,t,o,a,r,i,d){let c=this.place(o,a),f=i.t("stay_bar_label",{guest:e.guest,range:d.range(o,a),state:i.t(`bar_state_${t}`)});return l`<button
      class="bar stay-bar fill state-${t} ${c.cutStart?"cut-start":""} ${c.cutEnd?"cut-end":""}"
      data-testid="stay-bar"
      data-state=${t}
      data-stay=${e.id}
      style="left: ${c.left}%; width: ${c.width}%; top: ${r}px; height: ${He}px"
      aria-label=${f}
      title=${f}
      @click=${()=>k(this,x,{path:`/stay/${encodeURIComponent(e.id)}`})}
    >
      <span class="glyph" aria-hidden="true">${ae[t]??""}</span>
      ${this.fits(c.width)?l`<span class="text">${e.guest}</span>`:p}
    </button>`}renderLegend(e){return l`
      <section class="legend" aria-labelledby="legend-title">
        <h3 id="legend-title" class="visually-hidden">${e.t("legend")}</h3>
        <ul>
          ${Le.map(t=>l`<li title=${e.t(`bar_state_${t}_help`)}>
              <span class="swatch fill state-${t}" aria-hidden="true">${ae[t]}</span>${e.t(`bar_state_${t}`)}
            </li>`)}
          <li><span class="swatch static-bar" aria-hidden="true"></span>${e.t("legend_static")}</li>
        </ul>
        <details>
          <summary>${e.t("legend_more")}</summary>
          <dl class="facts">
            ${Le.map(t=>l`<dt>${e.t(`bar_state_${t}`)}</dt><dd>${e.t(`bar_state_${t}_help`)}</dd>`)}
            <dt>${e.t("legend_static")}</dt>
            <dd>${e.t("legend_static_help")}</dd>
            <dt>${e.t("legend_backup")}</dt>
            <dd>${e.t("legend_backup_help")}</dd>
          </dl>
        </details>
      </section>
    `}step(e){k(this,le,{step:e})}static{this.styles=[R,ye,$`
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
  `]}};h([u({attribute:!1})],C.prototype,"hass",2),h([u({attribute:!1})],C.prototype,"overview",2),h([u({attribute:!1})],C.prototype,"revision",2),h([u({attribute:!1})],C.prototype,"span",2),h([u({type:Boolean})],C.prototype,"narrow",2),h([u({type:Boolean})],C.prototype,"loading",2),h([u({attribute:!1})],C.prototype,"now",2),h([y()],C.prototype,"trackWidth",2);E("guest-pins-timeline",C);function Ue(n){let s=(n??"").split("/").filter(Boolean),e=o=>{try{return decodeURIComponent(o)}catch{return o}},t=s.slice(1).map(e).join("/");return s[0]==="stay"&&t?{name:"stay",id:t}:s[0]==="lock"&&t?{name:"lock",id:t}:s[0]==="alerts"?{name:"alerts"}:{name:"timeline"}}var w=class extends v{constructor(){super(...arguments);this.narrow=!1;this.zoom="week";this.loading=!1;this.now=Date.now();this.translations=new ge(this);this.listing=!1;this.subscriptionKey="";this.generation=0;this.serverOffset=0;this.zones=new Map;this.onNavigate=e=>{e.stopPropagation(),this.go(e.detail.path)};this.onSpan=e=>{e.stopPropagation();let t=e.detail;if("zoom"in t){this.zoom=t.zoom;return}let o=Oe(this.now,this.zone());this.anchor=t.step===0?o:ft(this.zoom,this.span()?.from??o,t.step)}}connectedCallback(){super.connectedCallback(),this.requestUpdate(),this.clock=window.setInterval(()=>this.now=Date.now()+this.serverOffset,6e4),this.addEventListener(x,this.onNavigate),this.addEventListener(le,this.onSpan)}disconnectedCallback(){super.disconnectedCallback(),window.clearInterval(this.clock),this.removeEventListener(x,this.onNavigate),this.removeEventListener(le,this.onSpan),this.unsubscribe()}get isAdmin(){return this.hass?.user?.is_admin!==!1}zone(){return this.entryId&&this.zones.get(this.entryId)||this.hass?.config.time_zone||"UTC"}span(){if(!this.hass)return;let e=this.zone(),t=this.anchor??Oe(this.now,e);return gt(this.zoom,t,e,mt(this.hass))}updated(e){!this.hass||!this.isAdmin||(!this.properties&&!this.listing&&this.loadProperties(),this.ensureSubscription(),e.has("route")&&Ue(this.route?.path).name==="timeline"&&(this.failure=void 0))}async loadProperties(){this.listing=!0;try{let e=await yt(this.hass),t=new URLSearchParams(location.search).get("config_entry");this.entryId=e.find(o=>o.entry_id===t)?.entry_id??e[0]?.entry_id,this.properties=e}catch(e){this.failure=new b(this.hass,"panel").error(e),this.properties=[]}finally{this.listing=!1}}ensureSubscription(){let e=this.span();if(!this.isConnected||!this.hass||!this.entryId||!e)return;let t=Ue(this.route?.path),o=t.name==="stay"?t.id:void 0,a=`${this.entryId}|${e.start}|${e.end}|${o??""}`;if(a===this.subscriptionKey)return;this.unsubscribe(),this.subscriptionKey=a;let r=++this.generation,i=this.entryId;this.loading=!0,this.subscription=_t(this.hass,i,new Date(e.start).toISOString(),new Date(e.end).toISOString(),o,d=>{r!==this.generation||d.entry_id!==i||(this.serverOffset=Date.parse(d.now)-Date.now()||0,this.now=Date.now()+this.serverOffset,this.zones.set(i,d.time_zone),this.overview=d,this.loading=!1,this.failure=void 0)}).catch(d=>{r===this.generation&&(this.failure=new b(this.hass,"panel").error(d),this.loading=!1,this.subscriptionKey="")})}unsubscribe(){let e=this.subscription;this.subscription=void 0,this.subscriptionKey="",this.generation+=1,e?.then(t=>t?.().catch(()=>{}))}go(e){Re(`${this.route?.prefix??"/guest_pins"}${e}${location.search}`)}selectProperty(e){if(e===this.entryId)return;this.entryId=e,this.overview=void 0;let t=new URLSearchParams(location.search);t.set("config_entry",e),Re(`${this.route?.prefix??"/guest_pins"}?${t.toString()}`)}render(){let e=this.hass;if(!e)return l``;let t=new b(e,"panel"),o=Ue(this.route?.path),a=this.overview?.alerts.length??0;return l`
      <header class="topbar">
        ${this.narrow?l`<button class="menu" aria-label=${t.t("menu")} data-testid="menu" @click=${()=>k(this,"hass-toggle-menu")}>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z" /></svg>
            </button>`:p}
        <h1>${this.overview?.title??t.t("title")}</h1>
        ${this.properties&&this.properties.length>1?l`<label class="property">
              <span class="visually-hidden">${t.t("property")}</span>
              <select data-testid="property" @change=${r=>this.selectProperty(r.target.value)}>
                ${this.properties.map(r=>l`<option value=${r.entry_id} ?selected=${r.entry_id===this.entryId}>${r.title}</option>`)}
              </select>
            </label>`:p}
      </header>
      <nav class="tabs" aria-label=${t.t("views")}>
        <button data-testid="tab-timeline" aria-current=${o.name==="alerts"?"false":"page"} @click=${()=>this.go("")}>${t.t("tab_timeline")}</button>
        <button data-testid="tab-alerts" aria-current=${o.name==="alerts"?"page":"false"} @click=${()=>this.go("/alerts")}>
          ${t.t("tab_alerts",{count:a})}
        </button>
      </nav>
      <main>${this.renderBody(o,e,t)}</main>
    `}renderBody(e,t,o){if(!this.isAdmin)return l`<p class="message warning">${o.t("admin_only")}</p>`;let a=this.failure?l`<p class="message error" role="alert" data-testid="error">${this.failure}</p>`:p;if(!this.properties)return l`<p class="muted">${o.t("loading")}</p>`;if(!this.properties.length)return l`${a}<p class="message warning">${o.t("no_property")}</p>`;if(!this.overview)return l`${a}<p class="muted">${o.t("loading")}</p>`;let r=this.translations.revision;switch(e.name){case"stay":return l`${a}<guest-pins-stay-view .hass=${t} .overview=${this.overview} .stayId=${e.id} .revision=${r}></guest-pins-stay-view>`;case"lock":return l`${a}<guest-pins-lock-view .hass=${t} .overview=${this.overview} .lockId=${e.id} .revision=${r}></guest-pins-lock-view>`;case"alerts":return l`${a}<guest-pins-alerts-view .hass=${t} .overview=${this.overview} .revision=${r}></guest-pins-alerts-view>`;default:return l`${a}<guest-pins-timeline
          .hass=${t}
          .overview=${this.overview}
          .span=${this.span()}
          .now=${this.now}
          .narrow=${this.narrow}
          .loading=${this.loading}
          .revision=${r}
        ></guest-pins-timeline>`}}static{this.styles=[R,$`
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
  `]}};h([u({attribute:!1})],w.prototype,"hass",2),h([u({type:Boolean})],w.prototype,"narrow",2),h([u({attribute:!1})],w.prototype,"route",2),h([u({attribute:!1})],w.prototype,"panel",2),h([y()],w.prototype,"properties",2),h([y()],w.prototype,"entryId",2),h([y()],w.prototype,"overview",2),h([y()],w.prototype,"zoom",2),h([y()],w.prototype,"anchor",2),h([y()],w.prototype,"loading",2),h([y()],w.prototype,"failure",2),h([y()],w.prototype,"now",2);E("guest-pins-panel",w);export{w as GuestPinsPanel,Ue as parseView};

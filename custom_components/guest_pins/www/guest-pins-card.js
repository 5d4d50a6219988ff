var Xe=Object.defineProperty;var et=Object.getOwnPropertyDescriptor;var ne=(n,e,t,o)=>{for(var s=o>1?void 0:o?et(e,t):e,a=n.length-1,i;a>=0;a--)(i=n[a])&&(s=(o?i(e,t,s):i(s))||s);return o&&s&&Xe(e,t,s),s};var W=globalThis,F=W.ShadowRoot&&(W.ShadyCSS===void 0||W.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,ae=Symbol(),Se=new WeakMap,P=class{constructor(e,t,o){if(this._$cssResult$=!0,o!==ae)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(F&&e===void 0){let o=t!==void 0&&t.length===1;o&&(e=Se.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),o&&Se.set(t,e))}return e}toString(){return this.cssText}},Ce=n=>new P(typeof n=="string"?n:n+"",void 0,ae),S=(n,...e)=>{let t=n.length===1?n[0]:e.reduce((o,s,a)=>o+(i=>{if(i._$cssResult$===!0)return i.cssText;if(typeof i=="number")return i;throw Error("Value passed to 'css' function must be a 'css' function result: "+i+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(s)+n[a+1],n[0]);return new P(t,n,ae)},Te=(n,e)=>{if(F)n.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let o=document.createElement("style"),s=W.litNonce;s!==void 0&&o.setAttribute("nonce",s),o.textContent=t.cssText,n.appendChild(o)}},ie=F?n=>n:n=>n instanceof CSSStyleSheet?(e=>{let t="";for(let o of e.cssRules)t+=o.cssText;return Ce(t)})(n):n;var{is:tt,defineProperty:ot,getOwnPropertyDescriptor:st,getOwnPropertyNames:nt,getOwnPropertySymbols:at,getPrototypeOf:it}=Object,j=globalThis,Ee=j.trustedTypes,rt=Ee?Ee.emptyScript:"",ct=j.reactiveElementPolyfillSupport,N=(n,e)=>n,I={toAttribute(n,e){switch(e){case Boolean:n=n?rt:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,e){let t=n;switch(e){case Boolean:t=n!==null;break;case Number:t=n===null?null:Number(n);break;case Object:case Array:try{t=JSON.parse(n)}catch{t=null}}return t}},q=(n,e)=>!tt(n,e),Pe={attribute:!0,type:String,converter:I,reflect:!1,useDefault:!1,hasChanged:q};Symbol.metadata??=Symbol("metadata"),j.litPropertyMetadata??=new WeakMap;var _=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=Pe){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let o=Symbol(),s=this.getPropertyDescriptor(e,o,t);s!==void 0&&ot(this.prototype,e,s)}}static getPropertyDescriptor(e,t,o){let{get:s,set:a}=st(this.prototype,e)??{get(){return this[t]},set(i){this[t]=i}};return{get:s,set(i){let r=s?.call(this);a?.call(this,i),this.requestUpdate(e,r,o)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??Pe}static _$Ei(){if(this.hasOwnProperty(N("elementProperties")))return;let e=it(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(N("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(N("properties"))){let t=this.properties,o=[...nt(t),...at(t)];for(let s of o)this.createProperty(s,t[s])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[o,s]of t)this.elementProperties.set(o,s)}this._$Eh=new Map;for(let[t,o]of this.elementProperties){let s=this._$Eu(t,o);s!==void 0&&this._$Eh.set(s,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let o=new Set(e.flat(1/0).reverse());for(let s of o)t.unshift(ie(s))}else e!==void 0&&t.push(ie(e));return t}static _$Eu(e,t){let o=t.attribute;return o===!1?void 0:typeof o=="string"?o:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let o of t.keys())this.hasOwnProperty(o)&&(e.set(o,this[o]),delete this[o]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Te(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,o){this._$AK(e,o)}_$ET(e,t){let o=this.constructor.elementProperties.get(e),s=this.constructor._$Eu(e,o);if(s!==void 0&&o.reflect===!0){let a=(o.converter?.toAttribute!==void 0?o.converter:I).toAttribute(t,o.type);this._$Em=e,a==null?this.removeAttribute(s):this.setAttribute(s,a),this._$Em=null}}_$AK(e,t){let o=this.constructor,s=o._$Eh.get(e);if(s!==void 0&&this._$Em!==s){let a=o.getPropertyOptions(s),i=typeof a.converter=="function"?{fromAttribute:a.converter}:a.converter?.fromAttribute!==void 0?a.converter:I;this._$Em=s;let r=i.fromAttribute(t,a.type);this[s]=r??this._$Ej?.get(s)??r,this._$Em=null}}requestUpdate(e,t,o,s=!1,a){if(e!==void 0){let i=this.constructor;if(s===!1&&(a=this[e]),o??=i.getPropertyOptions(e),!((o.hasChanged??q)(a,t)||o.useDefault&&o.reflect&&a===this._$Ej?.get(e)&&!this.hasAttribute(i._$Eu(e,o))))return;this.C(e,t,o)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:o,reflect:s,wrapped:a},i){o&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,i??t??this[e]),a!==!0||i!==void 0)||(this._$AL.has(e)||(this.hasUpdated||o||(t=void 0),this._$AL.set(e,t)),s===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[s,a]of this._$Ep)this[s]=a;this._$Ep=void 0}let o=this.constructor.elementProperties;if(o.size>0)for(let[s,a]of o){let{wrapped:i}=a,r=this[s];i!==!0||this._$AL.has(s)||r===void 0||this.C(s,void 0,a,r)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(o=>o.hostUpdate?.()),this.update(t)):this._$EM()}catch(o){throw e=!1,this._$EM(),o}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};_.elementStyles=[],_.shadowRootOptions={mode:"open"},_[N("elementProperties")]=new Map,_[N("finalized")]=new Map,ct?.({ReactiveElement:_}),(j.reactiveElementVersions??=[]).push("2.1.2");var pe=globalThis,Ne=n=>n,G=pe.trustedTypes,Ie=G?G.createPolicy("lit-html",{createHTML:n=>n}):void 0,Me="$lit$",k=`lit$${Math.random().toFixed(9).slice(2)}$`,Ue="?"+k,dt=`<${Ue}>`,A=document,O=()=>A.createComment(""),D=n=>n===null||typeof n!="object"&&typeof n!="function",me=Array.isArray,lt=n=>me(n)||typeof n?.[Symbol.iterator]=="function",re=`[ 	
\f\r]`,R=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Re=/-->/g,Oe=/>/g,v=RegExp(`>|${re}(?:([^\\s"'>=/]+)(${re}*=${re}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),De=/'/g,Le=/"/g,Be=/^(?:script|style|textarea|title)$/i,ge=n=>(e,...t)=>({_$litType$:n,strings:e,values:t}),m=ge(1),It=ge(2),Rt=ge(3),$=Symbol.for("lit-noChange"),h=Symbol.for("lit-nothing"),He=new WeakMap,x=A.createTreeWalker(A,129);function ze(n,e){if(!me(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return Ie!==void 0?Ie.createHTML(e):e}var ht=(n,e)=>{let t=n.length-1,o=[],s,a=e===2?"<svg>":e===3?"<math>":"",i=R;for(let r=0;r<t;r++){let c=n[r],l,u,d=-1,p=0;for(;p<c.length&&(i.lastIndex=p,u=i.exec(c),u!==null);)p=i.lastIndex,i===R?u[1]==="!--"?i=Re:u[1]!==void 0?i=Oe:u[2]!==void 0?(Be.test(u[2])&&(s=RegExp("</"+u[2],"g")),i=v):u[3]!==void 0&&(i=v):i===v?u[0]===">"?(i=s??R,d=-1):u[1]===void 0?d=-2:(d=i.lastIndex-u[2].length,l=u[1],i=u[3]===void 0?v:u[3]==='"'?Le:De):i===Le||i===De?i=v:i===Re||i===Oe?i=R:(i=v,s=void 0);let g=i===v&&n[r+1].startsWith("/>")?" ":"";a+=i===R?c+dt:d>=0?(o.push(l),c.slice(0,d)+Me+c.slice(d)+k+g):c+k+(d===-2?r:g)}return[ze(n,a+(n[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),o]},L=class n{constructor({strings:e,_$litType$:t},o){let s;this.parts=[];let a=0,i=0,r=e.length-1,c=this.parts,[l,u]=ht(e,t);if(this.el=n.createElement(l,o),x.currentNode=this.el.content,t===2||t===3){let d=this.el.content.firstChild;d.replaceWith(...d.childNodes)}for(;(s=x.nextNode())!==null&&c.length<r;){if(s.nodeType===1){if(s.hasAttributes())for(let d of s.getAttributeNames())if(d.endsWith(Me)){let p=u[i++],g=s.getAttribute(d).split(k),y=/([.?@])?(.*)/.exec(p);c.push({type:1,index:a,name:y[2],strings:g,ctor:y[1]==="."?de:y[1]==="?"?le:y[1]==="@"?he:T}),s.removeAttribute(d)}else d.startsWith(k)&&(c.push({type:6,index:a}),s.removeAttribute(d));if(Be.test(s.tagName)){let d=s.textContent.split(k),p=d.length-1;if(p>0){s.textContent=G?G.emptyScript:"";for(let g=0;g<p;g++)s.append(d[g],O()),x.nextNode(),c.push({type:2,index:++a});s.append(d[p],O())}}}else if(s.nodeType===8)if(s.data===Ue)c.push({type:2,index:a});else{let d=-1;for(;(d=s.data.indexOf(k,d+1))!==-1;)c.push({type:7,index:a}),d+=k.length-1}a++}}static createElement(e,t){let o=A.createElement("template");return o.innerHTML=e,o}};function C(n,e,t=n,o){if(e===$)return e;let s=o!==void 0?t._$Co?.[o]:t._$Cl,a=D(e)?void 0:e._$litDirective$;return s?.constructor!==a&&(s?._$AO?.(!1),a===void 0?s=void 0:(s=new a(n),s._$AT(n,t,o)),o!==void 0?(t._$Co??=[])[o]=s:t._$Cl=s),s!==void 0&&(e=C(n,s._$AS(n,e.values),s,o)),e}var ce=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:o}=this._$AD,s=(e?.creationScope??A).importNode(t,!0);x.currentNode=s;let a=x.nextNode(),i=0,r=0,c=o[0];for(;c!==void 0;){if(i===c.index){let l;c.type===2?l=new H(a,a.nextSibling,this,e):c.type===1?l=new c.ctor(a,c.name,c.strings,this,e):c.type===6&&(l=new ue(a,this,e)),this._$AV.push(l),c=o[++r]}i!==c?.index&&(a=x.nextNode(),i++)}return x.currentNode=A,s}p(e){let t=0;for(let o of this._$AV)o!==void 0&&(o.strings!==void 0?(o._$AI(e,o,t),t+=o.strings.length-2):o._$AI(e[t])),t++}},H=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,o,s){this.type=2,this._$AH=h,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=o,this.options=s,this._$Cv=s?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=C(this,e,t),D(e)?e===h||e==null||e===""?(this._$AH!==h&&this._$AR(),this._$AH=h):e!==this._$AH&&e!==$&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):lt(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==h&&D(this._$AH)?this._$AA.nextSibling.data=e:this.T(A.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:o}=e,s=typeof o=="number"?this._$AC(e):(o.el===void 0&&(o.el=L.createElement(ze(o.h,o.h[0]),this.options)),o);if(this._$AH?._$AD===s)this._$AH.p(t);else{let a=new ce(s,this),i=a.u(this.options);a.p(t),this.T(i),this._$AH=a}}_$AC(e){let t=He.get(e.strings);return t===void 0&&He.set(e.strings,t=new L(e)),t}k(e){me(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,o,s=0;for(let a of e)s===t.length?t.push(o=new n(this.O(O()),this.O(O()),this,this.options)):o=t[s],o._$AI(a),s++;s<t.length&&(this._$AR(o&&o._$AB.nextSibling,s),t.length=s)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let o=Ne(e).nextSibling;Ne(e).remove(),e=o}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},T=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,o,s,a){this.type=1,this._$AH=h,this._$AN=void 0,this.element=e,this.name=t,this._$AM=s,this.options=a,o.length>2||o[0]!==""||o[1]!==""?(this._$AH=Array(o.length-1).fill(new String),this.strings=o):this._$AH=h}_$AI(e,t=this,o,s){let a=this.strings,i=!1;if(a===void 0)e=C(this,e,t,0),i=!D(e)||e!==this._$AH&&e!==$,i&&(this._$AH=e);else{let r=e,c,l;for(e=a[0],c=0;c<a.length-1;c++)l=C(this,r[o+c],t,c),l===$&&(l=this._$AH[c]),i||=!D(l)||l!==this._$AH[c],l===h?e=h:e!==h&&(e+=(l??"")+a[c+1]),this._$AH[c]=l}i&&!s&&this.j(e)}j(e){e===h?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},de=class extends T{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===h?void 0:e}},le=class extends T{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==h)}},he=class extends T{constructor(e,t,o,s,a){super(e,t,o,s,a),this.type=5}_$AI(e,t=this){if((e=C(this,e,t,0)??h)===$)return;let o=this._$AH,s=e===h&&o!==h||e.capture!==o.capture||e.once!==o.once||e.passive!==o.passive,a=e!==h&&(o===h||s);s&&this.element.removeEventListener(this.name,this,o),a&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},ue=class{constructor(e,t,o){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=o}get _$AU(){return this._$AM._$AU}_$AI(e){C(this,e)}};var ut=pe.litHtmlPolyfillSupport;ut?.(L,H),(pe.litHtmlVersions??=[]).push("3.3.3");var We=(n,e,t)=>{let o=t?.renderBefore??e,s=o._$litPart$;if(s===void 0){let a=t?.renderBefore??null;o._$litPart$=s=new H(e.insertBefore(O(),a),a,void 0,t??{})}return s._$AI(n),s};var _e=globalThis,b=class extends _{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=We(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return $}};b._$litElement$=!0,b.finalized=!0,_e.litElementHydrateSupport?.({LitElement:b});var pt=_e.litElementPolyfillSupport;pt?.({LitElement:b});(_e.litElementVersions??=[]).push("4.2.2");var mt={attribute:!0,type:String,converter:I,reflect:!1,hasChanged:q},gt=(n=mt,e,t)=>{let{kind:o,metadata:s}=t,a=globalThis.litPropertyMetadata.get(s);if(a===void 0&&globalThis.litPropertyMetadata.set(s,a=new Map),o==="setter"&&((n=Object.create(n)).wrapped=!0),a.set(t.name,n),o==="accessor"){let{name:i}=t;return{set(r){let c=e.get.call(this);e.set.call(this,r),this.requestUpdate(i,c,n,!0,r)},init(r){return r!==void 0&&this.C(i,void 0,n,r),r}}}if(o==="setter"){let{name:i}=t;return function(r){let c=this[i];e.call(this,r),this.requestUpdate(i,c,n,!0,r)}}throw Error("Unsupported decorator location: "+o)};function V(n){return(e,t)=>typeof t=="object"?gt(n,e,t):((o,s,a)=>{let i=s.hasOwnProperty(a);return s.constructor.createProperty(a,o),i?Object.getOwnPropertyDescriptor(s,a):void 0})(n,e,t)}function Fe(n){return V({...n,state:!0,attribute:!1})}function je(n,e){let t=()=>{window.customElements.get(n)||window.customElements.define(n,e)};t();let o=window.customElements;o.whenDefined("home-assistant").then(()=>{window.customElements!==o&&t()})}function qe(n,e=!1){e?history.replaceState(history.state,"",n):history.pushState(null,"",n),window.dispatchEvent(new CustomEvent("location-changed",{detail:{replace:e}}))}var ye={message:{guest:"{% if replaces %}This replaces the door code we sent earlier. {% endif %}Hello {{ guest }}, your door code for {{ property }}{% if code %} is {{ code }}{% else %}:{% for key in codes %} {{ key.lock }} {{ key.code }}{{ ',' if not loop.last }}{% endfor %}{% endif %}. It works from {{ checkin }} until {{ checkout }}.{% if backup %} (This code was set aside for you because your own code could not be confirmed on every lock.){% endif %}",guest_title:"{{ property }}: your door code",host_title:"{{ property }}: door code for {{ guest }}{% if reference %} ({{ reference }}){% endif %}, {{ checkin }}"},logbook:{who_guest:"{name} (guest)",who_backup:"{name} (guest, backup code)",who_static:"{name} (static PIN)",who_manual:"Manual code",who_spare_backup:"Backup code",who_idle_backup:"Someone (a backup code nobody was given)",who_unknown:"Someone (an unknown code)",opened:"opened {lock}",opened_outside:"opened {lock} outside that code's time",code_on:"code put on {lock}",code_off:"code removed from {lock}",checked_in:"checked in",checked_out:"checked out",status:"stay now: {status}",reminder:"arrives in {hours} h",check_ready:"check before arrival: the code works on every lock",check_not_ready:"check before arrival: the code is not confirmed on {locks}",code_sent:"was sent the door code ({channel})",code_resent:"was sent a new door code that replaces the earlier one ({channel})",backup_handed_out:"was given the backup code for {lock}",delivery_failed:"could not be sent the door code ({channel})",door_opened:"had {lock} opened remotely",missing_code:"has no code on {lock} yet, close to check-in",collision:"would have had the same code as {other} on {lock}",collision_moved:"would have had the same code as {other} on {lock}; got another code",write_failed:"keeps failing to take a code (slot {slot})",capacity_exceeded:"has no free slot for {count} codes",missed_while_down:"{count} steps fell due while Home Assistant was stopped",channel_host:"host",channel_sms:"SMS",channel_email:"e-mail",guest:"Guest",channel_beds24:"Beds24",channel_lodgify:"Lodgify"},panel:{title:"Guest PINs",menu:"Open the sidebar",property:"Property",views:"Views",tab_timeline:"Timeline",tab_alerts:"Alerts ({count})",loading:"Loading…",admin_only:"Only administrators can use this panel.",no_property:"No property is set up yet. Add one under Settings → Devices & services → Add integration → Guest PINs.",error_unauthorized:"Only administrators can do this.",error_unknown:"Something went wrong. Try again.",guest:"Guest",removed_lock:"A removed lock",back_to_timeline:"Back to the timeline",period:"Period",today:"Today",previous_day:"Previous day",next_day:"Next day",previous_week:"Previous week",next_week:"Next week",previous_month:"Previous month",next_month:"Next month",zoom:"Zoom",zoom_day:"Day",zoom_week:"Week",zoom_month:"Month",now:"Now",no_locks:"This property has no locks yet. Add one from the property's page under Settings → Devices & services.",lock_button_label:"{lock}, {status}: open the lock",stay_bar_label:"{guest}, {range}, {state}",static_bar_label:"{name} (static PIN), {range}",backup_bar_label:"Backup code handed to {guest}, works until {until}",legend:"Legend",legend_more:"What the colours mean",legend_static:"Static PIN",legend_static_help:"A code that is not a guest's (a cleaner, a family member), shown when it works.",legend_backup:"Thin bar at the top of a lock",legend_backup_help:"That lock's backup code was handed to a guest; it works for them until the end shown.",bar_state_scheduled:"Scheduled",bar_state_scheduled_help:"The code is not due on the lock yet.",bar_state_queued:"Queued",bar_state_queued_help:"The code waits in the lock's queue to be written.",bar_state_on_lock:"On the lock",bar_state_on_lock_help:"The code was written; this lock cannot confirm it.",bar_state_confirmed:"Confirmed",bar_state_confirmed_help:"The lock confirmed the code, or it was read back.",bar_state_failing:"Failing",bar_state_failing_help:"Writing the code keeps failing, or the lock cannot be reached close to check-in.",bar_state_backup:"Backup code",bar_state_backup_help:"The guest was given this lock's backup code.",bar_state_checked_in:"Checked in",bar_state_checked_in_help:"The guest has used their code.",bar_state_ended:"Ended",bar_state_ended_help:"The time the code works is over.",lock_status_online:"Online",lock_status_asleep:"Asleep (takes changes when it wakes)",lock_status_offline:"Offline",lock_status_no_path:"No code path",stay_status_booked:"Booked",stay_status_code_ready:"Code ready",stay_status_code_sent:"Code sent",stay_status_checked_in:"Checked in",stay_status_checked_out:"Checked out",stay_status_cancelled:"Cancelled",stay_not_found:"This stay is not in the period shown. Go back to the timeline and find it there.",booking:"Booking",reference:"Booking reference",calendars:"Calendars",checkin:"Check-in",checkout:"Check-out",code_window:"The code works",status:"Status",none:"None",door_code:"Door code",code_hidden:"Code hidden",reveal:"Reveal",hide:"Hide",reveal_hint:"The code is hidden again after 30 seconds.",code_on_lock:"On {lock}: {code}",backup_on_lock:"Backup code for {lock}: {code}",method_custom:"You chose this code.",method_regenerated:"A new random code, made when you asked for one.",method_phone:"Made from the last digits of the guest's phone number.",method_description:"Taken from the booking's description.",method_date:"Made from the booking's dates.",frozen_yes:"It has reached a lock or the guest, so it no longer changes by itself.",frozen_no:"It may still change by itself until it reaches a lock or the guest.",regenerate:"Regenerate",regenerate_stay_started:"This stay has started: its code stays as it is, so a guest who is inside or on the way is never locked out.",regenerate_ends_within_a_day:"A new code can only be made for a stay that ends more than a day from now.",regenerate_confirm:"Give {guest} a new code? The current code stops working once the new one is on the locks.",regenerate_yes:"Make a new code",regenerate_done:"{guest} has a new code. It goes onto the locks and out to the guest.",cancel:"Cancel",set_code:"Set your own code",set_code_label:"New code (4 to 8 digits)",set_code_help:"Only digits. The code goes onto the locks and out to the guest.",set_code_invalid:"Enter a code of 4 to 8 digits.",set_code_done:"Your code for {guest} is saved.",save:"Save",resend:"Resend",resend_done:"The keys of {guest} are being sent again.",on_the_locks:"On the locks",lock:"Lock",state:"State",actions:"Actions",apply_now:"Apply now",apply_now_done:"Waiting changes are being written to {lock} now.",delivery:"Messages to the guest",channel:"Channel",to:"To",sent_at:"Sent",channel_host:"You (the host)",channel_sms:"SMS",channel_email:"E-mail",delivery_waiting:"Waiting",delivery_sent:"Sent",delivery_failing:"Failing",no_delivery:"No message goes out for this stay.",not_yet:"Not yet",use:"Use",first_use:"First use",access_log:"Access log",when:"When",who:"Who",who_guest:"{name} (guest)",who_backup:"{name} (guest, backup code)",who_static:"{name} (static PIN)",who_manual:"A manual code",who_idle_backup:"Someone (a backup code nobody was given)",who_unknown:"Someone (an unknown code)",no_access:"Nobody has opened a lock with this stay's codes yet.",lock_not_found:"This lock is not part of the property any more.",lock_health:"Lock",last_seen:"Last report",never:"Never",battery:"Battery",battery_value:"{level} %",battery_low_value:"{level} % (low)",battery_unknown:"No battery reading",transactions_week:"Transactions this week",wakeups_week:"Wake-ups this week",slots_used:"Slots in use",slots_used_value:"{used} of {count}",code_times:"Code times",native_windows_yes:"The lock itself limits each code to its time.",native_windows_no:"Guest PINs puts each code on the lock and takes it off on time.",slots:"Slots",slot:"Slot",whose:"Whose",kind:"Kind",code:"Code",since:"Since",unknown:"Unknown",reveal_slot:"Reveal the code in slot {slot}",no_slots:"Guest PINs has no code on this lock.",kind_guest:"Guest",kind_static:"Static PIN",kind_manual:"Manual code",kind_backup:"Backup code",kind_other:"Other code",kind_empty:"Emptying the slot",queue:"Waiting for the lock",queue_empty:"Nothing waits for this lock.",queue_summary_one:"{count} change waits to be written.",queue_summary_other:"{count} changes wait to be written.",due:"Due by",why:"Why it waits",attempts:"Failed attempts",retry_at:"Next try: {time}",reason_batching:"Waits to be written together with other changes",reason_scheduled:"Written when its time comes",reason_lock_unreachable:"The lock cannot be reached",reason_waiting_for_wake_up:"Waits for the lock to wake up",reason_retrying:"Tried again after a failed write",backups:"Backup codes",handed_to:"Handed to",handed_to_until:"{guest}, until {until}",nobody:"Nobody",no_backups:"This lock has no backup codes.",backup_idle:"Ready, not handed out",backup_handed_out:"Handed out",backup_not_on_lock:"Not on the lock yet",alerts_title:"Open problems",alert_untitled:"A problem needs your attention",no_alerts:"No open problems.",severity_warning:"Warning",severity_error:"Error",open_lock:"Open {lock}"},card:{title:"Guest PINs",description:"Who is staying, the next arrival and whether its door code is ready, for one lock.",error_no_entity:"Choose the stay status sensor of a lock (sensor.<lock>_stay_status) as the card's entity.",entity_missing:"The entity {entity} is not available.",editor_entity:"Stay status sensor of a lock",editor_title:"Title (optional)",stay_status_name:"Stay status",guest:"Guest",now_in:"Staying now",nobody:"Nobody",next_arrival:"Next arrival",next_arrival_value:"{guest}, {time}",no_arrival:"None booked",code:"Door code",lock_key:"{lock}: {state}",key_state_ready:"ready",key_state_waiting:"not on the lock yet",key_state_backup:"backup code given",key_state_scheduled:"not due yet",key_state_queued:"waiting to be written",key_state_on_lock:"on the lock",key_state_confirmed:"confirmed",key_state_failing:"failing",key_state_checked_in:"used",key_state_ended:"ended",key_state_other:"unknown",alerts:"Open problems",alerts_count_one:"{count} open problem",alerts_count_other:"{count} open problems",alert_untitled:"A problem needs your attention",no_alerts:"No open problems.",open_panel:"Open Guest PINs",lock_status_online:"Online",lock_status_asleep:"Asleep (takes changes when it wakes)",lock_status_offline:"Offline",lock_status_no_path:"No code path",stay_status_booked:"Booked",stay_status_code_ready:"Code ready",stay_status_code_sent:"Code sent",stay_status_checked_in:"Checked in",stay_status_checked_out:"Checked out",stay_status_cancelled:"Cancelled"}};var ke="guest_pins",E=`component.${ke}`,fe={panel:ye.panel,card:ye.card},yt=["config_panel","issues","exceptions","entity"],ft=8;function Ge(n,e){return e?n.replace(/\{([a-z0-9_]+)\}/gi,(t,o)=>o in e?String(e[o]):t):n}var M=class{constructor(e,t){this.hass=e;this.scope=t}pluralCategory(e){try{return new Intl.PluralRules(be(this.hass)).select(e)}catch{return e===1?"one":"other"}}t(e,t){let o=this.hass.localize(`${E}.config_panel.${this.scope}.${e}`,t);if(o)return o;let s=fe[this.scope][e];return s===void 0?e:Ge(s,t)}tn(e,t,o){let s={...o,count:t};for(let i of[`${e}_${this.pluralCategory(t)}`,`${e}_other`]){let r=this.hass.localize(`${E}.config_panel.${this.scope}.${i}`,s);if(r)return r}let a=fe[this.scope][t===1?`${e}_one`:`${e}_other`];return a===void 0?e:Ge(a,s)}stayStatus(e){return this.hass.localize(`${E}.entity.sensor.stay_status.state.${e}`)||this.t(`stay_status_${e}`)}lockStatus(e){return this.hass.localize(`${E}.entity.sensor.status.state.${e}`)||this.t(`lock_status_${e}`)}issue(e,t,o){let s=this.hass.localize(`${E}.issues.${e}.${o}`,t);return s||(o==="title"?this.t("alert_untitled"):"")}error(e){let t=typeof e=="object"&&e!==null?e:{};if(t.code==="unauthorized")return this.t("error_unauthorized");if(t.translation_key){let o=t.translation_domain||ke,s=this.hass.localize(`component.${o}.exceptions.${t.translation_key}.message`,t.translation_placeholders);if(s)return s}return typeof t.message=="string"&&t.message?t.message:this.t("error_unknown")}};function be(n){return n.locale?.language||n.language||"en"}var Z=class{constructor(e){this.host=e;this.loading=!1;this.reloads=0;this.revision=0;e.addController(this)}hostUpdate(){let e=this.host.hass;if(!e||this.loading)return;let t=!e.localize(`${E}.config_panel.panel.title`);if(e.language===this.loadedFor&&!(t&&this.reloads<ft))return;e.language===this.loadedFor?this.reloads+=1:this.reloads=0;let o=e.language;this.loadedFor=o,this.loading=!0,Promise.all(yt.map(s=>e.loadBackendTranslation?.(s,ke))).catch(()=>{}).then(()=>{this.loading=!1,this.loadedFor===o&&(this.revision+=1,this.host.requestUpdate())})}};function K(n,e){return fe[n][e]??e}var U=864e5;var Ve=new Map;function kt(n){let e=Ve.get(n);return e||(e=new Intl.DateTimeFormat("en-US",{timeZone:n,hourCycle:"h23",year:"numeric",month:"numeric",day:"numeric",hour:"numeric",minute:"numeric",second:"numeric"}),Ve.set(n,e)),e}function J(n,e){let t={};for(let o of kt(e).formatToParts(n))o.type!=="literal"&&(t[o.type]=Number(o.value));return Date.UTC(t.year,t.month-1,t.day,t.hour%24,t.minute,t.second)}function we(n,e,t=0,o=0){let s=Date.UTC(n.year,n.month-1,n.day,t,o),a=s-(J(s-U,e)-(s-U)),i=s-(J(s+U,e)-(s+U)),r=[a,i].filter(c=>J(c,e)===s);return r.length?Math.min(...r):Math.max(a,i)}function bt(n,e,t){return J(we(n,e,t),e)===Date.UTC(n.year,n.month-1,n.day,t)}function wt(n,e){let t=new Date(Date.UTC(n.year,n.month-1,n.day)+e*U);return{year:t.getUTCFullYear(),month:t.getUTCMonth()+1,day:t.getUTCDate()}}var Q=class n{constructor(e,t){this.timeZone=t;this.cache=new Map;this.lang=be(e);let o=e.locale?.time_format;this.hourOptions=o==="12"?{hour12:!0}:o==="24"?{hourCycle:"h23"}:o==="system"?vt():{}}format(e,t){let o=this.cache.get(e);if(!o){let s=t.hour?{...t,...this.hourOptions}:t;try{o=new Intl.DateTimeFormat(this.lang,{...s,timeZone:this.timeZone})}catch{o=new Intl.DateTimeFormat(this.lang,s)}this.cache.set(e,o)}return o}static ms(e){return typeof e=="number"?e:Date.parse(e)}dateTime(e){return this.format("dt",{weekday:"short",day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}).format(n.ms(e))}shortDateTime(e){return this.format("sdt",{day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}).format(n.ms(e))}range(e,t){let o=this.format("sdt",{day:"numeric",month:"short",hour:"numeric",minute:"2-digit"}),s=n.ms(e),a=n.ms(t);return a>=s?o.formatRange(s,a):`${o.format(s)} – ${o.format(a)}`}spanTitle(e){return e.zoom==="day"?this.format("day",{weekday:"long",day:"numeric",month:"long",year:"numeric"}).format(e.start):e.zoom==="month"?this.format("month",{month:"long",year:"numeric"}).format(e.start):this.format("week",{day:"numeric",month:"short",year:"numeric"}).formatRange(e.start,e.end-1)}ticks(e,t){let o=[];if(e.zoom==="day"){let a=this.format("hour",{hour:"numeric",minute:"2-digit"}),i=t?6:2;for(let r=0;r<24;r+=i){if(!bt(e.from,this.timeZone,r))continue;let c=we(e.from,this.timeZone,r);c>=e.start&&c<e.end&&o.push({ms:c,label:a.format(c),major:r===0})}return o}let s=e.zoom==="week"?this.format(t?"wd-n":"wd",t?{weekday:"narrow",day:"numeric"}:{weekday:"short",day:"numeric"}):this.format("d",{day:"numeric"});for(let a=e.from,i=0;i<32;a=wt(a,1),i++){let r=we(a,this.timeZone);if(r>=e.end)break;let c=e.zoom==="month"&&t?7:1;o.push({ms:r,label:i%c===0?s.format(r):"",major:!0})}return o}};function vt(){let n=new Intl.DateTimeFormat(void 0,{hour:"numeric"}).resolvedOptions().hourCycle;return n?{hourCycle:n}:{}}function Ye(n){return n.locale?.time_zone==="local"?Intl.DateTimeFormat().resolvedOptions().timeZone:n.config.time_zone}var Ze=S`
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
`,To=S`
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
`;var xe="guest-pins-card",X="guest_pins",Ke=["stay_status","current_guest","next_checkin","status","alerts"],xt=["ready","waiting","backup","scheduled","queued","on_lock","confirmed","failing","checked_in","ended"],At={ready:"✓",confirmed:"✓",on_lock:"↑",checked_in:"●",backup:"◆",failing:"!"},$t=new Set(["unknown","unavailable",""]),ve;function Je(n,e){let t={},o=n.entities??{},s=o[e];if(s?.translation_key&&Ke.includes(s.translation_key)&&(t[s.translation_key]=e),!s?.device_id)return t;for(let a of Object.values(o)){if(!a||a.device_id!==s.device_id||a.platform!==X||!a.translation_key)continue;let i=a.translation_key;Ke.includes(i)&&!t[i]&&(t[i]=a.entity_id)}return t}function B(n){return n!==void 0&&!$t.has(n.state)}function w(n){return typeof n=="string"&&n?n:void 0}function St(n){return Array.isArray(n)?n.flatMap(e=>{let t=w(e?.lock)??w(e?.name),o=w(e?.state);return t&&o?[{lock:t,state:o}]:[]}):n&&typeof n=="object"?Object.entries(n).flatMap(([e,t])=>typeof t=="string"?[{lock:e,state:t}]:[]):[]}var z=class extends b{constructor(){super(),new Z(this)}setConfig(e){if(!e||typeof e!="object"||typeof e.entity!="string"||!e.entity.trim())throw new Error(K("card","error_no_entity"));this.config={...e,entity:e.entity.trim()}}getCardSize(){let e=this.alertsOf(this.hass?Je(this.hass,this.config?.entity??""):{});return 4+Math.min(e.length,3)}getGridOptions(){return{columns:6,rows:"auto",min_columns:4,min_rows:3}}static getStubConfig(e){return{entity:Object.values(e?.entities??{}).find(o=>o!==void 0&&o.entity_id.startsWith("sensor.")&&o.platform===X&&o.translation_key==="stay_status")?.entity_id??""}}static getConfigForm(){return{schema:[{name:"entity",required:!0,selector:{entity:{filter:{integration:X,domain:"sensor"}}}},{name:"title",selector:{text:{}}}],computeLabel:e=>ve?new M(ve,"card").t(`editor_${e.name}`):K("card",`editor_${e.name}`)}}alertsOf(e){let o=(e.alerts?this.hass?.states[e.alerts]:void 0)?.attributes.alerts;return Array.isArray(o)?o.flatMap(s=>typeof s?.kind=="string"?[{kind:s.kind,placeholders:s.placeholders??{}}]:[]):[]}cardTitle(e,t){if(this.config?.title)return this.config.title;let o=w(t?.attributes.friendly_name);if(!o)return e.t("title");let s=this.hass.localize(`component.${X}.entity.sensor.stay_status.name`)||e.t("stay_status_name");return o.endsWith(` ${s}`)?o.slice(0,-s.length-1):o}render(){let{hass:e,config:t}=this;if(!e||!t)return h;ve=e;let o=new M(e,"card"),s=Je(e,t.entity),a=e.states[t.entity];if(!a)return m`<div class="card" data-testid="guest-pins-card">
        <p class="message warning" role="status">${o.t("entity_missing",{entity:t.entity})}</p>
      </div>`;let i=new Q(e,Ye(e)),r=s.stay_status?e.states[s.stay_status]:void 0,c=s.current_guest?e.states[s.current_guest]:void 0,l=s.next_checkin?e.states[s.next_checkin]:void 0,u=s.status?e.states[s.status]:void 0,d=this.alertsOf(s),p=Math.max(d.length,Number(s.alerts?e.states[s.alerts]?.state:0)||0),g=B(c)?c.state:void 0,y=w(r?.attributes.checkin),ee=B(r)&&y!==void 0&&Date.parse(y)>Date.now(),te=ee?r:B(l)&&w(l.attributes.status)?l:void 0,oe=te!==void 0,se=ee?y:B(l)?l.state:void 0,Qe=ee?r.state:w(l?.attributes.status)??"",$e=oe?St(te.attributes.locks):[];return m`
      <div class="card" data-testid="guest-pins-card">
        <div class="head">
          <h2>${this.cardTitle(o,r??a)}</h2>
          ${B(u)?m`<span class="chip" data-testid="card-lock-status"><span class="dot ${u.state}"></span>${o.lockStatus(u.state)}</span>`:h}
        </div>
        <dl class="facts">
          <dt>${o.t("now_in")}</dt>
          <dd data-testid="card-current">${g??o.t("nobody")}</dd>
          <dt>${o.t("next_arrival")}</dt>
          <dd data-testid="card-next">
            ${se?oe?o.t("next_arrival_value",{guest:w(te.attributes.guest)??o.t("guest"),time:i.dateTime(se)}):i.dateTime(se):o.t("no_arrival")}
          </dd>
          ${oe?m`<dt>${o.t("code")}</dt>
                <dd data-testid="card-code-state">
                  <span class="chip">${o.stayStatus(Qe)}</span>
                  ${$e.length?m`<ul class="keys">
                        ${$e.map(f=>m`<li class="key-${f.state}">
                            <span class="glyph" aria-hidden="true">${At[f.state]??"…"}</span>
                            ${o.t("lock_key",{lock:f.lock,state:o.t(`key_state_${xt.includes(f.state)?f.state:"other"}`)})}
                          </li>`)}
                      </ul>`:h}
                </dd>`:h}
        </dl>
        <section class="alerts" aria-label=${o.t("alerts")}>
          ${p?m`<h3 class="flag">${o.tn("alerts_count",p)}</h3>
                <ul data-testid="card-alerts">
                  ${d.map(f=>m`<li>${o.issue(f.kind,f.placeholders,"title")}</li>`)}
                </ul>`:m`<p class="muted" data-testid="card-no-alerts">${o.t("no_alerts")}</p>`}
        </section>
        ${e.user?.is_admin?m`<div class="foot"><button class="btn small" @click=${()=>qe("/guest_pins")}>${o.t("open_panel")}</button></div>`:h}
      </div>
    `}static{this.styles=[Ze,S`
    .card { height: 100%; }
    .head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin-bottom: 12px; }
    .head h2 { flex: 1 1 auto; font-size: 18px; }
    .keys { list-style: none; margin: 6px 0 0; padding: 0; }
    .keys li { display: flex; gap: 6px; align-items: baseline; }
    .glyph { font-weight: 700; width: 1em; flex: none; text-align: center; }
    .key-ready .glyph, .key-confirmed .glyph { color: var(--success-color); }
    .key-backup .glyph { color: var(--warning-color); }
    .key-waiting .glyph, .key-queued .glyph, .key-scheduled .glyph { color: var(--info-color); }
    .key-failing .glyph { color: var(--error-color); }
    .alerts { margin-top: 12px; padding-top: 8px; border-top: 1px solid var(--divider-color); }
    .alerts h3 { font-size: 14px; margin: 4px 0; display: flex; align-items: center; }
    .alerts ul { margin: 0; padding-left: 20px; }
    .alerts p { margin: 4px 0 0; }
    .foot { margin-top: 12px; display: flex; justify-content: flex-end; }
    dl.facts { grid-template-columns: max-content 1fr; }
    @media (max-width: 600px) {
      dl.facts { grid-template-columns: max-content 1fr; gap: 6px 12px; }
      dl.facts dd { margin: 0; }
    }
  `]}};ne([V({attribute:!1})],z.prototype,"hass",2),ne([Fe()],z.prototype,"config",2);je(xe,z);var Ae=window;Ae.customCards||=[];Ae.customCards.some(n=>n.type===xe)||Ae.customCards.push({type:xe,name:"Guest PINs",description:K("card","description"),preview:!0});export{z as GuestPinsCard,Je as findSiblings};

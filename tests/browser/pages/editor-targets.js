// A custom element whose button lives in an open shadow root.
customElements.define('shadow-card', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    button.id = 'shadow-button';
    button.type = 'button';
    button.textContent = 'Shadow action';
    button.addEventListener('click', () => { document.title = 'shadow clicked'; });
    root.append(button);
  }
});

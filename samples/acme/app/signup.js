// The sign-up page: validates, stores the demo user, identifies them to Cairn
// and goes on to the app (a full page load: the multi-page part of the demo).
const form = document.getElementById('signup-form');

// A random opaque id: the user id is on every event and in the dashboard's
// links; the e-mail goes only in the identify traits (cairn-setup.js).
function newUserId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return 'u_' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const name = form.elements.name.value.trim();
  const email = form.elements.email.value.trim();
  const error = document.getElementById('signup-error');
  if (!name || !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(email)) {
    error.textContent = 'Please enter your name and a valid work email.';
    return;
  }
  const user = { id: newUserId(), name, email, plan: 'trial', company: form.elements.company.value.trim(),
    role: form.elements.role.value, company_size: form.elements.company_size.value };
  localStorage.setItem('acme_user', JSON.stringify(user));
  window.identifyAcmeUser(user);
  window.Cairn.track('Signed Up', { plan: user.plan });
  location.assign('/');
});

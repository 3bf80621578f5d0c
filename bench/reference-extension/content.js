// After each change: read every [email] attribute and send the list to the background.
let scheduled = false;
function send() {
  scheduled = false;
  const people = Array.from(document.querySelectorAll('[email]'), (el) => [el.getAttribute('email'), el.getAttribute('name')]);
  chrome.runtime.sendMessage({ people }).catch(() => {});
}
new MutationObserver(() => {
  if (!scheduled) {
    scheduled = true;
    setTimeout(send, 0);
  }
}).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
send();

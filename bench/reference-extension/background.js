let received = 0;
chrome.runtime.onMessage.addListener((message) => {
  received += message.people.length;
});

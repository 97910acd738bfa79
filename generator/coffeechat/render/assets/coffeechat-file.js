// Opened from the disk (file:), a link to a folder such as contacts/ana/ would show a directory
// listing: point every such link at the folder's index.html instead. Links added later (search
// results) are rewritten as they appear. Over HTTP this does nothing, so addresses stay as they are.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function fix(link) {
    var href = link.getAttribute("href");
    if (href === null || link.protocol !== "file:") return;
    var url = new URL(link.href);
    if (url.pathname.slice(-1) !== "/") return;
    url.pathname += "index.html";
    link.setAttribute("href", url.href);
  }

  function fixAll(root) {
    if (root.nodeType !== 1) return;
    if (root.tagName === "A") fix(root);
    Array.prototype.forEach.call(root.querySelectorAll("a[href]"), fix);
  }

  fixAll(document.documentElement);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "attributes") fix(change.target);
      else Array.prototype.forEach.call(change.addedNodes, fixAll);
    });
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["href"],
  });
  // A click that beats the observer (it runs after the current task) still lands on the page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (link) fix(link);
  }, true);
})();

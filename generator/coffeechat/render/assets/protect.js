// Opens a page of a protected coffeechat site (`coffeechat build --protect`). The page holds its
// original HTML encrypted with AES-256-GCM under a key derived from the password with
// PBKDF2-HMAC-SHA256; only the browser's WebCrypto does the cryptography. The key (not the
// password) is kept in sessionStorage, so the password is asked once per visit (per tab).
// After unlocking, the page is written over this one, the search index is decrypted and handed
// to Material's search, and sealed downloads (the calendar feed) are decrypted on click.
(function () {
  "use strict";

  var settings = JSON.parse(document.getElementById("cc-protect").textContent);
  var sealed = document.getElementById("cc-sealed").textContent.trim();
  var storeName = "coffeechat-key:" + settings.salt;
  var root = new URL(settings.root || "./", location.href);
  var lock = document.getElementById("cc-lock");
  var form = document.getElementById("cc-unlock");
  var input = document.getElementById("cc-password");
  var message = document.getElementById("cc-message");
  var button = form.querySelector("button");

  function say(text) {
    message.textContent = text;
  }

  function bytes(text) {
    var binary = atob(text);
    var out = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }

  function base64(buffer) {
    var view = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < view.length; i++) binary += String.fromCharCode(view[i]);
    return btoa(binary);
  }

  function unseal(key, payload) {
    var data = bytes(payload);
    return crypto.subtle.decrypt(
      { name: "AES-GCM", iv: data.subarray(0, 12) }, key, data.subarray(12)
    );
  }

  function text(buffer) {
    return new TextDecoder().decode(buffer);
  }

  function derive(password) {
    var encoded = new TextEncoder().encode(password.normalize("NFC"));
    return crypto.subtle.importKey("raw", encoded, "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return crypto.subtle.deriveKey(
          { name: "PBKDF2", hash: "SHA-256", salt: bytes(settings.salt),
            iterations: settings.iterations },
          base, { name: "AES-GCM", length: 256 }, true, ["decrypt"]
        );
      });
  }

  function storedKey() {
    var raw = null;
    try {
      raw = sessionStorage.getItem(storeName);
    } catch (error) {
      return Promise.resolve(null);  // storage turned off: ask on every page
    }
    if (!raw) return Promise.resolve(null);
    return crypto.subtle.importKey("raw", bytes(raw), { name: "AES-GCM" }, true, ["decrypt"])
      .catch(function () { return null; });
  }

  function remember(key) {
    return crypto.subtle.exportKey("raw", key).then(function (raw) {
      try {
        sessionStorage.setItem(storeName, base64(raw));
      } catch (error) { /* no storage: the next page asks again */ }
    });
  }

  function forget() {
    try {
      sessionStorage.removeItem(storeName);
    } catch (error) { /* nothing stored */ }
  }

  // A sealed payload lives in a script that sets one global: <script> works from the disk too,
  // where fetch() is refused.
  function loadPayload(src, name) {
    return new Promise(function (resolve) {
      if (!src) return resolve(null);
      window[name] = undefined;
      var script = document.createElement("script");
      script.src = new URL(src, location.href).href;
      script.onload = function () { script.remove(); resolve(window[name] || null); };
      script.onerror = function () { script.remove(); resolve(null); };
      document.head.appendChild(script);
    });
  }

  function openIndex(key) {
    return loadPayload(settings.index, "__ccSealedIndex").then(function (payload) {
      return payload ? unseal(key, payload).then(text) : null;
    }).catch(function () { return null; });  // the page still opens, without search
  }

  function same(url, wanted) {
    try {
      return new URL(String(url), location.href).href === wanted;
    } catch (error) {
      return false;
    }
  }

  // Material asks for search/search_index.json over HTTP (XMLHttpRequest; fetch in other
  // versions) and runs search/search_index.js then reads __index from the disk: both get the
  // decrypted index, which never exists as a file.
  function handOver(index) {
    window.__index = JSON.parse(index);
    var wanted = new URL("search/search_index.json", root).href;
    var blob = URL.createObjectURL(new Blob([index], { type: "application/json" }));
    var open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      var args = Array.prototype.slice.call(arguments);
      if (same(url, wanted)) args[1] = blob;
      return open.apply(this, args);
    };
    var fetch = window.fetch;
    if (fetch) {
      window.fetch = function (resource, init) {
        if ((typeof resource === "string" || resource instanceof URL) && same(resource, wanted)) {
          resource = blob;
        }
        return fetch.call(window, resource, init);
      };
    }
  }

  function watchDownloads(key) {
    var downloads = settings.downloads || {};
    var names = Object.keys(downloads);
    if (!names.length) return;
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link) return;
      var target = link.href.split("#")[0];
      var name = names.filter(function (n) { return new URL(n, root).href === target; })[0];
      if (!name) return;
      event.preventDefault();
      loadPayload(new URL(downloads[name], root).href, "__ccSealedFile").then(function (payload) {
        if (!payload) throw new Error("missing");
        return unseal(key, payload);
      }).then(function (data) {
        var url = URL.createObjectURL(new Blob([data], { type: "text/calendar" }));
        var save = document.createElement("a");
        save.href = url;
        save.download = name.split("/").pop();
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      }).catch(function () {
        window.alert("The file could not be opened: rebuild and upload the whole site again.");
      });
    }, true);
  }

  function show(page, key, index) {
    if (index !== null) handOver(index);
    document.open();
    document.write(page);
    document.close();
    watchDownloads(key);
  }

  function openWith(key) {
    return unseal(key, sealed).then(function (page) {
      return openIndex(key).then(function (index) { show(text(page), key, index); });
    });
  }

  function ask(note) {
    lock.hidden = false;
    say(note || "");
    input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    say("Opening…");
    derive(input.value).then(function (key) {
      return unseal(key, sealed).then(function (page) {
        return remember(key).then(function () { return openIndex(key); })
          .then(function (index) { show(text(page), key, index); });
      }, function () {
        button.disabled = false;
        input.select();
        say("Wrong password: the journal stays locked. Try again.");
      });
    }).catch(function () {
      button.disabled = false;
      say("This page could not be opened in this browser.");
    });
  });

  if (!window.crypto || !crypto.subtle) {
    // WebCrypto exists only in secure contexts: https, localhost or a file on the disk.
    ask("This browser cannot decrypt the journal here: open it over https.");
    button.disabled = true;
    return;
  }
  storedKey().then(function (key) {
    if (!key) return ask();
    return openWith(key).catch(function () {
      forget();  // a key from an older build of the site
      ask();
    });
  });
})();

/*
 * Flag exercises (docs/exercises/flags.md).
 *
 * The page holds no answers. The build (docs/hooks/flags.py) publishes exercises/flags.json:
 *   {"version": 3, "kdf": "PBKDF2-SHA256", "salt": "<hex>",
 *    "flags": {"<label>": {"kind": ..., "decimals": ..., "iterations": ..., "hashes": [...]}}}
 * One hash per accepted answer (a flag that asks a course's computation also accepts the answer of
 * the course's scikit-learn), all with the same salt and label: one PBKDF2 per check, compared with each.
 * This script normalizes what the reader types with the same rules as
 * mnist_tutorials.flags.normalize_answer (tests/test_flags_js.py runs both on one table), derives
 * PBKDF2-HMAC-SHA256(password = normalized, salt = salt + ":" + label, the flag's iterations, 256 bits)
 * with crypto.subtle, as mnist_tutorials.flags.hash_answer does, and compares with each accepted hash. The iterations make each
 * check take a few tenths of a second, so trying every possible answer takes minutes, not a blink.
 * Solved flags are remembered in localStorage (label -> hash, so a changed answer un-solves).
 *
 * Reader input is only ever written with textContent, never parsed as HTML, and only a short prefix of it is
 * echoed (echoTyped): a 100,000-digit paste gives a one-line message, not a 200 KB one. Check works from the
 * first moment: before flags.json has arrived it says the data is still loading, and checks the answer by
 * itself when the data arrives; if flags.json could not be loaded it says so in the card.
 * Loaded with node (module.exports), it exposes the pure functions for tests.
 */
(function (root) {
  "use strict";

  var KINDS = ["fraction", "integer", "number"];
  // Same characters as mnist_tutorials._answers._WS, spelled out so both languages strip the same.
  var WS = " \t\n\r\f\v\u00a0\u202f";
  var NUMBER_RE = new RegExp("^([+-]?)([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)[" + WS + "]*(%?)$");
  var GROUPED_INT_RE = /^[+]?[0-9]{1,3}(?:,[0-9]{3})+$/;
  var STORAGE_KEY = "mnist-tutorials:flags:solved";
  var ECHO_MAX = 40; // characters of the reader's input repeated in a message
  var FORMAT = 3;
  var KDF = "PBKDF2-SHA256";

  function stripWs(text) {
    var start = 0;
    var end = text.length;
    while (start < end && WS.indexOf(text.charAt(start)) >= 0) start++;
    while (end > start && WS.indexOf(text.charAt(end - 1)) >= 0) end--;
    return text.slice(start, end);
  }

  function pow10(n) {
    return BigInt(10) ** BigInt(n);
  }

  // Round digits * 10^-scale half up to `decimals` places; return the value times 10^decimals.
  function roundScaled(digits, scale, decimals) {
    if (scale <= decimals) return digits * pow10(decimals - scale);
    var unit = pow10(scale - decimals);
    var quotient = digits / unit;
    var remainder = digits % unit;
    if (BigInt(2) * remainder >= unit) quotient += BigInt(1);
    return quotient;
  }

  function formatScaled(value, negative, decimals) {
    var text = value.toString();
    while (text.length < decimals + 1) text = "0" + text;
    var body = decimals === 0 ? text : text.slice(0, text.length - decimals) + "." + text.slice(text.length - decimals);
    return negative && value !== BigInt(0) ? "-" + body : body;
  }

  function fail(message) {
    return { ok: false, error: message };
  }

  /** "a number", "an integer": the kind with its article. */
  function withArticle(kind) {
    return (/^[aeiou]/.test(kind) ? "an " : "a ") + kind;
  }

  /**
   * What the reader typed, quoted, for a message: at most ECHO_MAX characters (whole code points), then an
   * ellipsis and the length, so a pasted page never comes back whole.
   */
  function echoTyped(typed) {
    var chars = Array.from(stripWs(String(typed)));
    if (chars.length <= ECHO_MAX) return "\u201c" + chars.join("") + "\u201d";
    return "\u201c" + chars.slice(0, ECHO_MAX).join("") + "\u2026\u201d (" + lengthOf(chars) + ")";
  }

  /** A canonical answer for a message, cut like echoTyped but without quotes. */
  function shorten(text) {
    var chars = Array.from(text);
    return chars.length <= ECHO_MAX ? text : chars.slice(0, ECHO_MAX).join("") + "\u2026 (" + lengthOf(chars) + ")";
  }

  function lengthOf(chars) {
    return chars.length.toLocaleString("en-US") + " characters";
  }

  /**
   * Normalize an answer; mirror of mnist_tutorials.flags.normalize_answer.
   * Returns {ok: true, value: "<canonical>"} or {ok: false, error: "<why>"}.
   */
  function normalizeAnswer(answer, kind, decimals) {
    if (KINDS.indexOf(kind) < 0) throw new Error("normalizeAnswer: unknown kind " + kind);
    if (!Number.isInteger(decimals) || decimals < 0) throw new Error("normalizeAnswer: bad decimals " + decimals);
    var text = stripWs(String(answer));
    if (kind === "integer" && GROUPED_INT_RE.test(text)) text = text.replace(/,/g, "");
    var match = NUMBER_RE.exec(text);
    if (match === null) {
      return fail("this is not a number: type digits, with a dot for decimals (and % for a percentage).");
    }
    var sign = match[1];
    var number = match[2];
    var percent = match[3];
    var dot = number.indexOf(".");
    var intPart = dot < 0 ? number : number.slice(0, dot);
    var fracPart = dot < 0 ? "" : number.slice(dot + 1);
    var digits = BigInt((intPart || "0") + fracPart);
    var scale = fracPart.length;
    var negative = sign === "-" && digits !== BigInt(0);

    if (kind === "fraction") {
      if (negative) return fail("a fraction lies between 0 and 1, not below 0.");
      if (percent || digits > pow10(scale)) scale += 2; // "37.5%" or a bare "37.5" (> 1): a percentage
      var value = roundScaled(digits, scale, decimals);
      if (value > pow10(decimals)) return fail("a fraction lies between 0 and 1 (0% to 100%).");
      return { ok: true, value: formatScaled(value, false, decimals) };
    }
    if (percent) return fail("this flag asks for " + withArticle(kind) + ", not a percentage: remove the %.");
    if (kind === "integer") {
      if (/[1-9]/.test(fracPart)) return fail("this flag asks for a whole number.");
      return { ok: true, value: formatScaled(digits / pow10(scale), negative, 0) };
    }
    return { ok: true, value: formatScaled(roundScaled(digits, scale, decimals), negative, decimals) };
  }

  /**
   * PBKDF2-HMAC-SHA256 of the normalized answer, salted with salt:label, as 64 hex digits (a Promise);
   * mirror of mnist_tutorials.flags.hash_answer.
   */
  function hashAnswer(label, normalized, salt, iterations, subtle) {
    if (!salt) return Promise.reject(new Error("hashAnswer: empty salt"));
    if (!Number.isInteger(iterations) || iterations < 1) {
      return Promise.reject(new Error("hashAnswer: bad iterations " + iterations));
    }
    var encoder = new TextEncoder();
    return subtle
      .importKey("raw", encoder.encode(normalized), "PBKDF2", false, ["deriveBits"])
      .then(function (key) {
        var salted = encoder.encode(salt + ":" + label);
        return subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: salted, iterations: iterations }, key, 256);
      })
      .then(function (buffer) {
        return Array.from(new Uint8Array(buffer), function (byte) {
          return byte.toString(16).padStart(2, "0");
        }).join("");
      });
  }

  // ------------------------------------------------------------------------------------------
  // The page
  // ------------------------------------------------------------------------------------------

  function loadSolved() {
    try {
      var stored = JSON.parse(root.localStorage.getItem(STORAGE_KEY) || "{}");
      return stored && typeof stored === "object" ? stored : {};
    } catch (err) {
      return {};
    }
  }

  function saveSolved(solved) {
    try {
      root.localStorage.setItem(STORAGE_KEY, JSON.stringify(solved));
    } catch (err) {
      /* storage disabled: the flag stays solved until the page is left */
    }
  }

  function showResult(card, state, message) {
    var result = card.querySelector(".flag-result");
    result.textContent = message; // never innerHTML: the message can contain the reader's input
    result.classList.remove("flag-result--ok", "flag-result--wrong", "flag-result--error");
    if (state) result.classList.add("flag-result--" + state);
  }

  /**
   * The accepted hashes of one flags.json entry, or null if the entry is unusable (no list of
   * 64-hex-digit strings, or no integer iteration count).
   */
  function acceptedHashes(spec) {
    if (!spec || !Array.isArray(spec.hashes) || !spec.hashes.length || !Number.isInteger(spec.iterations)) return null;
    for (var i = 0; i < spec.hashes.length; i++) {
      if (typeof spec.hashes[i] !== "string" || !/^[0-9a-f]{64}$/.test(spec.hashes[i])) return null;
    }
    return spec.hashes.slice();
  }

  function markSolved(card, solved) {
    card.classList.toggle("flag-card--solved", solved);
    var badge = card.querySelector(".flag-solved");
    if (badge) badge.hidden = !solved;
  }

  /**
   * Wire the cards to the loaded flags.json; return label -> the function that checks that card's answer
   * (absent for a flag missing from flags.json, whose card says so).
   */
  function setUp(container, data) {
    var subtle = root.crypto && root.crypto.subtle;
    var solved = loadSolved();
    var cards = container.querySelectorAll(".flag-card[data-flag]");
    var checks = {};

    Array.prototype.forEach.call(cards, function (card) {
      var label = card.getAttribute("data-flag");
      var spec = data.flags[label];
      var input = card.querySelector(".flag-input");
      var hashes = acceptedHashes(spec);
      if (!hashes) {
        showResult(card, "error", "This flag is missing from flags.json; rebuild the site.");
        return;
      }
      markSolved(card, hashes.indexOf(solved[label]) >= 0);
      var button = card.querySelector(".flag-check");
      checks[label] = function () {
        var typed = input.value;
        if (!subtle) {
          showResult(card, "error", "Checking needs the browser's crypto.subtle, which exists only on https:// or localhost pages.");
          return;
        }
        var normalized = normalizeAnswer(typed, spec.kind, spec.decimals);
        if (!normalized.ok) {
          showResult(card, "error", echoTyped(typed) + ": " + normalized.error);
          return;
        }
        if (button) button.disabled = true;
        showResult(card, null, "Checking\u2026");
        hashAnswer(label, normalized.value, data.salt, spec.iterations, subtle).then(function (digest) {
          if (button) button.disabled = false;
          if (hashes.indexOf(digest) >= 0) { // any accepted answer (today's, or a course's: see flags.py)
            solved = loadSolved();
            solved[label] = digest;
            saveSolved(solved);
            markSolved(card, true);
            showResult(card, "ok", "Correct! " + echoTyped(typed) + " is the answer to " + label + ".");
          } else {
            showResult(card, "wrong", echoTyped(typed) + " (read as " + shorten(normalized.value) +
              ") is not the answer. Try again.");
          }
        }, function (err) {
          if (button) button.disabled = false;
          showResult(card, "error", "Could not check the answer: " + err.message);
        });
      };
    });

    var reset = container.querySelector(".flag-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        try {
          root.localStorage.removeItem(STORAGE_KEY);
        } catch (err) {
          /* nothing stored */
        }
        solved = {};
        Array.prototype.forEach.call(cards, function (card) {
          markSolved(card, false);
          showResult(card, null, "");
          var input = card.querySelector(".flag-input");
          if (input) input.value = "";
        });
      });
    }
    container.setAttribute("data-flags-ready", "true");
    return checks;
  }

  var STYLE = [
    ".flag-card{border:1px solid var(--md-default-fg-color--lightest);border-radius:.2rem;padding:0 1rem .4rem;margin:1.2rem 0}",
    ".flag-card--solved{border-color:#2e7d32;box-shadow:inset .25rem 0 0 #2e7d32}",
    ".flag-form{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}",
    ".flag-input{font:inherit;padding:.3rem .5rem;margin-left:.4rem;min-width:10rem;border:1px solid var(--md-default-fg-color--lighter);",
    "border-radius:.2rem;background:var(--md-default-bg-color);color:var(--md-default-fg-color)}",
    ".flag-form .md-button{margin:0;padding:.35em 1.4em}",
    ".flag-solved{color:#2e7d32;font-weight:700}",
    ".flag-result{min-height:1.4em}",
    ".flag-result--ok{color:#2e7d32}.flag-result--wrong{color:#c62828}.flag-result--error{color:#e65100}"
  ].join("");

  function start() {
    var container = root.document.getElementById("flag-exercises");
    if (!container) return;
    var style = root.document.createElement("style");
    style.textContent = STYLE; // kept out of the Markdown so the search index never sees it
    root.document.head.appendChild(style);
    // Check answers from the first moment: before flags.json has arrived, a click says so (and the check runs
    // by itself when it arrives); after a failed load, it says why nothing can be checked.
    var state = { checks: null, failure: null, waiting: {} };
    Array.prototype.forEach.call(container.querySelectorAll(".flag-card[data-flag]"), function (card) {
      var label = card.getAttribute("data-flag");
      card.querySelector(".flag-form").addEventListener("submit", function (event) {
        event.preventDefault(); // the answer never goes into a URL
        if (state.checks) {
          if (state.checks[label]) state.checks[label]();
        } else if (state.failure) {
          showResult(card, "error", "Cannot check: the flag data did not load (" + state.failure + ").");
        } else {
          state.waiting[label] = true;
          showResult(card, null, "Still loading the flag data\u2026 your answer is checked as soon as it arrives.");
        }
      });
    });
    var url = container.getAttribute("data-flags-url");
    root.fetch(url, { cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
        return response.json();
      })
      .then(function (data) {
        if (data && data.pending) {
          throw new Error("the answers are still being computed by mkdocs serve; this page reloads when they are ready");
        }
        if (!data || data.version !== FORMAT || data.kdf !== KDF || !data.salt) {
          throw new Error("flags.json is not format " + FORMAT + " (" + KDF + "); rebuild the site");
        }
        state.checks = setUp(container, data);
        Object.keys(state.waiting).forEach(function (label) {
          if (state.checks[label]) state.checks[label]();
        });
      })
      .catch(function (err) {
        state.failure = err.message;
        Object.keys(state.waiting).forEach(function (label) {
          var card = container.querySelector('.flag-card[data-flag="' + label + '"]');
          if (card) showResult(card, "error", "Cannot check: the flag data did not load (" + err.message + ").");
        });
        var note = container.querySelector(".flag-load-error");
        if (note) {
          note.hidden = false;
          note.textContent = "Could not load the flag hashes (" + err.message + "). Serve the built site over http(s).";
        }
      });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { normalizeAnswer: normalizeAnswer, hashAnswer: hashAnswer, stripWs: stripWs,
                       acceptedHashes: acceptedHashes, echoTyped: echoTyped, ECHO_MAX: ECHO_MAX };
  }
  if (root.document) {
    if (root.document.readyState === "loading") {
      root.document.addEventListener("DOMContentLoaded", start);
    } else {
      start();
    }
  }
})(typeof window !== "undefined" ? window : globalThis);

/// The console's only script: the transcript's view switch and its live updates through the
/// SPEC section 6 stream. Pages work without it; it never builds markup from strings (new
/// entries are made with `textContent`), so event text stays text.
enum ConsoleScript {
    static let text = #"""
    (function () {
      'use strict';

      function setView(view) {
        document.querySelectorAll('section[data-audience]').forEach(function (section) {
          section.hidden = !(view === 'both' || section.getAttribute('data-audience') === view);
        });
        document.querySelectorAll('.views a[data-view]').forEach(function (link) {
          var current = link.getAttribute('data-view') === view;
          link.classList.toggle('active', current);
          if (current) { link.setAttribute('aria-current', 'page'); } else { link.removeAttribute('aria-current'); }
        });
      }

      var views = document.querySelector('.views');
      if (views) {
        views.addEventListener('click', function (event) {
          var link = event.target.closest('a[data-view]');
          if (!link) { return; }
          event.preventDefault();
          setView(link.getAttribute('data-view'));
          history.replaceState(null, '', link.getAttribute('href'));
        });
      }

      function describe(entry) {
        switch (entry.kind) {
          case 'joined': return 'joined';
          case 'left': return 'left (' + (entry.reason || 'ended') + ')';
          case 'removed': return 'was removed by ' + (entry.by || '?');
          case 'ownership': return 'became the owner (' + (entry.reason || '') + ')';
          default: return entry.visibility === 'agents' ? 'internal note' : 'message';
        }
      }

      function render(entry) {
        var item = document.createElement('li');
        var note = entry.kind === 'message' && entry.visibility === 'agents';
        item.className = entry.kind === 'message' ? (note ? 'message note' : 'message') : 'event';
        item.setAttribute('data-seq', String(entry.seq));
        var meta = document.createElement('div');
        meta.className = 'meta';
        var time = document.createElement('time');
        time.setAttribute('datetime', entry.time);
        time.textContent = entry.time.replace('T', ' ').slice(0, 19) + ' UTC';
        meta.appendChild(time);
        meta.appendChild(document.createTextNode(' · #' + entry.seq + ' · '));
        var party = document.createElement('strong');
        party.textContent = entry.party;
        meta.appendChild(party);
        meta.appendChild(document.createTextNode(' ' + describe(entry)));
        item.appendChild(meta);
        if (entry.kind === 'message' && entry.text !== null) {
          var text = document.createElement('p');
          text.className = 'text';
          text.textContent = entry.text;
          item.appendChild(text);
        }
        return item;
      }

      var live = document.querySelector('[data-stream]');
      if (live && window.EventSource) {
        var status = document.querySelector('.live');
        var last = parseInt(live.getAttribute('data-last-seq') || '0', 10);
        var source = new EventSource(live.getAttribute('data-stream') + '?after=' + last);
        if (status) { status.textContent = 'Live: new entries appear as they are stored.'; }
        source.addEventListener('entry', function (message) {
          var entry = JSON.parse(message.data);
          if (entry.seq <= last) { return; }
          last = entry.seq;
          document.querySelectorAll('section[data-audience] ol.timeline').forEach(function (list) {
            var audience = list.closest('section').getAttribute('data-audience');
            if (audience === 'contact' && entry.visibility === 'agents') { return; }
            list.appendChild(render(entry));
          });
        });
        source.addEventListener('end', function () {
          source.close();
          if (status) { status.textContent = 'The interaction has ended.'; }
        });
      }
    })();
    """#
}

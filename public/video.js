// Plays a YouTube or Vimeo video in place when its poster is pressed: the player, and with it
// any request to the other site, loads only then. Without this script the poster is a link to
// the video's page.
document.querySelectorAll('a.video-play[data-player]').forEach(function (link) {
  link.addEventListener('click', function (event) {
    event.preventDefault();
    var frame = document.createElement('iframe');
    frame.src = link.dataset.player;
    frame.title = link.dataset.title;
    frame.width = link.querySelector('img').getAttribute('width');
    frame.height = link.querySelector('img').getAttribute('height');
    frame.allow = 'autoplay; fullscreen; picture-in-picture; encrypted-media';
    frame.allowFullscreen = true;
    // The site sends no Referer to other sites, but YouTube's and Vimeo's players refuse to
    // play without one: they get this site's origin, never a page's path.
    frame.referrerPolicy = 'strict-origin-when-cross-origin';
    frame.className = 'video-frame';
    link.replaceWith(frame);
    frame.focus();
  });
});

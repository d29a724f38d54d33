// Appended to each page's boot script by scripts/finish-build.py (APP_ROOT is the app's root
// folder relative to the page: "./" or "../"). Registers the service worker that keeps Candor
// usable offline, and when a new version has been installed beside the running one, offers to
// reload into it: the person decides, so nobody loses answers they are typing, and nobody
// stays on an old version past their next reload.
if ("serviceWorker" in navigator) {
  const root = new URL("APP_ROOT", location.href);
  const offer = (worker) => {
    if (document.getElementById("candor-update")) {
      return;
    }
    const bar = document.createElement("div");
    bar.id = "candor-update";
    bar.dataset.testid = "update-bar";
    bar.className = "update-bar";
    bar.setAttribute("role", "status");
    bar.textContent = "A new version of Candor is ready. ";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Reload";
    button.addEventListener("click", () => worker.postMessage("candor:activate"));
    bar.append(button);
    document.body.append(bar);
  };
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!reloading) {
      reloading = true;
      location.reload();
    }
  });
  // Installing fetches the respondent page's files: wait until this page has loaded and
  // settled, so that never competes with what the person is waiting for.
  const register = () => navigator.serviceWorker
    .register(new URL("sw.js", root), { scope: root.pathname })
    .then((registration) => {
      const watch = (worker) =>
        worker.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) {
            offer(worker);
          }
        });
      if (registration.waiting && navigator.serviceWorker.controller) {
        offer(registration.waiting);
      }
      if (registration.installing) {
        watch(registration.installing);
      }
      registration.addEventListener("updatefound", () => watch(registration.installing));
    })
    .catch(() => {
      // No service worker (private mode, an http origin other than localhost): Candor works
      // as before, only not offline.
    });
  const later = () => setTimeout(register, 2000);
  if (document.readyState === "complete") {
    later();
  } else {
    addEventListener("load", later);
  }
}

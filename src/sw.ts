/// <reference lib="webworker" />
// The service worker: the app shell from the precache (so the app and its loopback tools work
// offline), and the share_target's POST. Everything else reaches the network untouched.
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { readShareForm, shareLanding } from './device/share-form';
import { putShared } from './store/share-inbox';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

const scope = new URL(self.registration.scope);
const shareTarget = new URL('share-target', scope).href;

/** The embedded piping-server (`/piping`): signaling and relay streams must never be touched. */
function isPiping(url: URL): boolean {
  return url.origin === self.location.origin && /^\/piping(\/|$)/.test(url.pathname);
}

// Registered before Workbox's listener, so these requests never reach it.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method === 'POST' && url.href === shareTarget) {
    event.stopImmediatePropagation();
    event.respondWith(receiveShare(event.request));
    return;
  }
  if (isPiping(url) || event.request.method !== 'GET') event.stopImmediatePropagation();
});

async function receiveShare(request: Request): Promise<Response> {
  try {
    const shared = readShareForm(await request.formData());
    await putShared(shared.files, shared.text);
    // 303: the browser follows with a GET, so a reload does not post the share again.
    return Response.redirect(new URL(shareLanding(shared), scope).href, 303);
  } catch {
    return Response.redirect(scope.href, 303);
  }
}

self.addEventListener('message', (event) => {
  // The page's "Reload to update" (workbox-window's messageSkipWaiting).
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then((windows) => windows[0]?.focus()));
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Any page of the app opens the shell (offline too); the piping path is excluded above already.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// The first install takes the open pages at once (nothing older controls them); later versions
// wait for the page's go (see device/updates.ts).
clientsClaim();

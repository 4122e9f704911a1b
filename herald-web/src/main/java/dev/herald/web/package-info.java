/**
 * What a browser opens: the seed's page ({@code page/}) and the console ({@code console/}), kept as resources of this
 * package and served by every HTTP adapter (the server, the Vert.x routes, the Spring starter) with the same headers.
 */
package dev.herald.web;

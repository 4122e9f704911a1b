/**
 * Who may do what on which channel, without knowing where that was written: a {@link dev.herald.access.ChannelPattern}
 * names channels, {@link dev.herald.access.Grants} says which ones a publisher or subscriber may use. Adapters read
 * tokens (herald-auth) and hand the core only the grants.
 */
package dev.herald.access;

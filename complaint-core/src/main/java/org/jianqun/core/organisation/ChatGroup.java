package org.jianqun.core.organisation;

/** A supervision group on one channel, bound to the village it serves (null until an admin binds it). */
public record ChatGroup(Long id, Channel channel, String groupId, String villageCode, String name) {
}

package dev.switchboard.router;

import java.util.Map;

/** Who a session authenticated as: what WELCOME tells the client and what authorization checks. */
record Principal(String authid, String authrole, String authmethod, String authprovider, Map<String, Object> authextra) {}

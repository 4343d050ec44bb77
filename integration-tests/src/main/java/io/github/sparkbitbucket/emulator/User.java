package io.github.sparkbitbucket.emulator;

/** A Bitbucket account as the generator makes them. */
record User(String uuid, String accountId, String displayName, String nickname, String email) {}

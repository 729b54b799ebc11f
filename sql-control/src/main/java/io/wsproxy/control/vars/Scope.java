package io.wsproxy.control.vars;

/** Where a variable reference points: GLOBAL, SESSION, none given (IMPLICIT), or a user variable. */
public enum Scope {
    GLOBAL, SESSION, IMPLICIT, USER
}

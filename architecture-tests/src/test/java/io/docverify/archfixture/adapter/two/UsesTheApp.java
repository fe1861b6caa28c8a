package io.docverify.archfixture.adapter.two;

import io.docverify.archfixture.app.Wiring;

/** Breaks "adapters depend only on the ports, the domain and their libraries": it reaches into the app. */
public final class UsesTheApp {
    public Object wiring() {
        return new Wiring();
    }
}

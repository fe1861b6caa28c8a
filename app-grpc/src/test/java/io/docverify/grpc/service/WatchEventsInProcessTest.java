package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class WatchEventsInProcessTest extends WatchEventsBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }
}

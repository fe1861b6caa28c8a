package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class WatchEventsSocketTest extends WatchEventsBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.SOCKET;
    }
}

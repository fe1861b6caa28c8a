package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class HistorySocketTest extends HistoryBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.SOCKET;
    }
}

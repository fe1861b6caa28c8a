package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class HistoryInProcessTest extends HistoryBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }
}

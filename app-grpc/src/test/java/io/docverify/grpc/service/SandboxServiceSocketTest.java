package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class SandboxServiceSocketTest extends SandboxServiceBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.SOCKET;
    }
}

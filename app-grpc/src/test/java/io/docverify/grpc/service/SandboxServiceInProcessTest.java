package io.docverify.grpc.service;

import io.docverify.grpc.TestServer;

class SandboxServiceInProcessTest extends SandboxServiceBehaviour {
    @Override
    TestServer.Kind kind() {
        return TestServer.Kind.IN_PROCESS;
    }
}

#pragma once

// The shared set-up of the server tests: one orkestr-local per test executable (started in
// initTestCase, stopped in cleanupTestCase), a client for it, and optionally a sandbox of the
// test's own. Test classes derive from ServerTestCase instead of QObject.

#include "serverclient.h"

#include <memory>

class ServerTestCase : public QObject
{
protected:
    // Starts the server with these arguments and, with createSandbox, one sandbox (m_id); false
    // (with a warning) when either failed.
    bool startServer(const QStringList &arguments, bool createSandbox = true)
    {
        m_server = std::make_unique<TestServer>();
        if (!m_server->start(arguments))
            return false;
        m_client = std::make_unique<ServerClient>(*m_server);
        if (createSandbox) {
            m_id = m_client->create();
            if (m_id.isEmpty())
                return false;
        }
        return true;
    }
    // Terminates the test's sandbox and stops the server.
    void stopServer()
    {
        if (m_client && !m_id.isEmpty())
            m_client->del(QStringLiteral("/v1/sandboxes/") + m_id);
        m_client.reset();
        m_server.reset();
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ServerClient> m_client;
    QString m_id;
};

#pragma once

#include "server/activity.h"
#include "server/apiserver.h"
#include "server/journal.h"
#include "server/metricssampler.h"
#include "server/monitorhandlers.h"
#include "server/sandboxlifecycle.h"
#include "server/sandboxruntime.h"
#include "server/sandboxstore.h"
#include "server/tokenstore.h"

#include <QDateTime>
#include <QTemporaryDir>

#include <memory>
#include <optional>

// orkestr-local's monitoring endpoints (GET /v1/metrics and the others of
// registerMonitorEndpoints) served from the benchmark's own process, in the thread that makes
// it, over simulated running sandboxes whose readings the benchmark records on the sampler.
class InProcessMonitor
{
public:
    InProcessMonitor()
        : m_config(configFor(m_dataDir.path()))
        , m_tokens(m_config.dataDir)
        , m_server(m_config, &m_tokens)
        , m_store(m_config.dataDir)
        , m_runtime(m_config, m_store)
        , m_lifecycle(OrkestrLocal::PlanLimits::forPlan(m_config.plan), m_store, m_runtime)
        , m_sampler(m_store, m_lifecycle)
    {
    }

    // Opens the journal, registers the endpoints and listens; false with *error otherwise.
    bool start(QString *error)
    {
        m_tokens.load(error);
        const auto token
            = m_tokens.create(QStringLiteral("bench"), OrkestrLocal::TokenStore::allScopes(), error);
        if (!token || !m_journal.open(m_config.dataDir + QStringLiteral("/journal.sqlite"), error))
            return false;
        m_token = *token;
        m_activity.emplace(m_journal, m_store, m_lifecycle, 256LL * 1024 * 1024);
        OrkestrLocal::registerMonitorEndpoints(m_server, m_store, m_sampler, *m_activity);
        return m_server.listen(error);
    }
    void addRunning(const QString &id)
    {
        auto sandbox = std::make_unique<OrkestrLocal::Sandbox>();
        sandbox->id = id;
        sandbox->status = OrkestrLocal::SandboxStatus::Running;
        sandbox->createdAt = QDateTime::currentDateTimeUtc();
        m_store.insert(std::move(sandbox));
    }
    OrkestrLocal::MetricsSampler &sampler() { return m_sampler; }
    quint16 port() const { return m_server.port(); }
    QString token() const { return m_token; }

private:
    static OrkestrLocal::ServerConfig configFor(const QString &dataDir)
    {
        OrkestrLocal::ServerConfig config;
        config.port = 0;
        config.dataDir = dataDir;
        config.plan = QStringLiteral("team");
        config.rateLimit = QStringLiteral("1000000/s");
        return config;
    }

    QTemporaryDir m_dataDir;
    OrkestrLocal::ServerConfig m_config;
    OrkestrLocal::TokenStore m_tokens;
    OrkestrLocal::ApiServer m_server;
    OrkestrLocal::SandboxStore m_store;
    OrkestrLocal::SandboxRuntime m_runtime;
    OrkestrLocal::SandboxLifecycle m_lifecycle;
    OrkestrLocal::MetricsSampler m_sampler;
    OrkestrLocal::Journal m_journal;
    std::optional<OrkestrLocal::ActivityRecorder> m_activity;
    QString m_token;
};

#include "session/session.h"

#include "core/accountjob.h"
#include "core/client.h"
#include "session/activitystores.h"
#include "session/logging.h"
#include "session/metricspoller.h"
#include "session/processsignaller.h"
#include "session/sandboxactions.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"

namespace OrkestrSession {

using namespace std::chrono_literals;

Session::Session(Orkestr::Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(new SandboxStore(client, this))
    , m_actions(new SandboxActions(this, this))
    , m_activity(new ActivityStores(client, this))
    , m_metrics(new MetricsPoller(client, this))
    , m_processSignaller(new ProcessSignaller(this, this))
{
    // The quota changes when sandboxes are paused elsewhere too: keep it fresh.
    m_refreshTimer.setInterval(15s);
    connect(&m_refreshTimer, &QTimer::timeout, this, &Session::refreshAccount);
    // Back after an outage (the list answers again): fetch the account now, not at the next
    // periodic refresh, so that what is shown of it is true again at once.
    connect(m_store->poller(), &SandboxPoller::stateChanged, this,
            [this, wasDown = false](SandboxPoller::State state) mutable {
                if (state == SandboxPoller::State::Offline || state == SandboxPoller::State::RateLimited) {
                    wasDown = true;
                } else if (state == SandboxPoller::State::Fresh && wasDown) {
                    wasDown = false;
                    if (m_hasAccount)
                        refreshAccount();
                }
            });
}

Session::~Session() = default;

void Session::refreshAccount()
{
    if (m_accountJob && !m_accountJob->isFinished())
        return; // one at a time
    m_accountJob = m_client->call<Orkestr::GetAccountJob>();
    // The first list does not wait for the account: both requests go out at once, so the list is
    // on screen one round trip sooner. A refused token stops the poller as it stops this.
    if (m_store->poller()->state() == SandboxPoller::State::Idle)
        m_store->startUpdates();
    m_accountJob->then(
        this,
        [this](Orkestr::GetAccountJob *job) {
            m_serverSoftware = job->serverSoftware();
            applyAccount(job->account());
        },
        [this](Orkestr::GetAccountJob *job) {
            const Orkestr::ApiError error = job->error();
            qCInfo(lcSession) << "account request failed:" << error.type() << error.httpStatus()
                              << error.requestId();
            m_connected = false;
            // A connection that worked and now fails for a while (server restarting, offline,
            // 429, 5xx) keeps trying; a refused token, or one that never worked, stops here.
            if (!m_hasAccount || error.kind() == Orkestr::ApiError::Kind::Auth)
                m_refreshTimer.stop();
            Q_EMIT accountFailed(error);
        });
}

void Session::setAccount(const Orkestr::Account &account)
{
    applyAccount(account);
}

void Session::applyAccount(const Orkestr::Account &account)
{
    const ReadOnlyReason before = readOnlyReason();
    m_account = account;
    m_hasAccount = true;
    m_activity->setOwnTokenPrefix(account.token.prefix);
    m_connected = true;
    startUpdatesIfStopped();
    m_refreshTimer.start();
    Q_EMIT accountChanged(account);
    notifyWritePolicy(before);
}

void Session::startUpdatesIfStopped()
{
    const auto state = m_store->poller()->state();
    if (state == SandboxPoller::State::Idle || state == SandboxPoller::State::Failed)
        m_store->startUpdates();
}

void Session::setDisconnected()
{
    const ReadOnlyReason before = readOnlyReason();
    m_connected = false;
    m_hasAccount = false;
    m_account = {};
    m_refreshTimer.stop();
    notifyWritePolicy(before);
}

void Session::setInspectOnly(bool inspectOnly)
{
    const ReadOnlyReason before = readOnlyReason();
    m_inspectOnly = inspectOnly;
    notifyWritePolicy(before);
}

Session::ReadOnlyReason Session::readOnlyReason() const
{
    if (m_inspectOnly)
        return ReadOnlyReason::InspectOnly;
    if (m_hasAccount && !m_account.canWrite())
        return ReadOnlyReason::TokenScopes;
    return ReadOnlyReason::None;
}

void Session::notifyWritePolicy(ReadOnlyReason before)
{
    const ReadOnlyReason now = readOnlyReason();
    if (now == before)
        return;
    qCInfo(lcSession) << "write policy:" << now;
    Q_EMIT writePolicyChanged(now != ReadOnlyReason::None);
}

void Session::reset()
{
    if (m_accountJob)
        m_accountJob->abort(); // its answer would be about the previous server or token
    m_accountJob = nullptr;
    const ReadOnlyReason before = readOnlyReason();
    m_account = {};
    m_hasAccount = false;
    m_connected = false;
    m_refreshTimer.stop();
    m_store->reset();
    m_activity->reset();
    m_metrics->reset();
    notifyWritePolicy(before);
}

} // namespace OrkestrSession

#include "ui/profiles/tokenvault.h"

#include <qt6keychain/keychain.h>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

TokenVault::TokenVault(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{
}

void TokenVault::read(const QString &profileId)
{
    if (!m_keychainAvailable) {
        // Answer asynchronously in every case, so callers see one behaviour.
        QMetaObject::invokeMethod(
            this, [this, profileId] { finishRead(profileId); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setKey(profileId);
    // Never fall back to a plain-text settings file.
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this, profileId, readJob = job](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError && !readJob->textData().isEmpty()) {
            Q_EMIT tokenRead(profileId, readJob->textData(), Source::Keychain);
            return;
        }
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound)
            noteKeychainFailure(finished->error(), finished->errorString());
        finishRead(profileId);
    });
    job->start();
}

void TokenVault::finishRead(const QString &profileId)
{
    if (const auto it = m_memory.constFind(profileId); it != m_memory.cend()) {
        Q_EMIT tokenRead(profileId, *it, Source::Memory);
        return;
    }
    const QString fromEnvironment = qEnvironmentVariable("ORKESTR_API_KEY");
    Q_EMIT tokenRead(profileId, fromEnvironment,
                     fromEnvironment.isEmpty() ? Source::None : Source::Environment);
}

void TokenVault::write(const QString &profileId, const QString &token)
{
    // Kept in memory as well, so this run works whatever the keychain says.
    m_memory.insert(profileId, token);
    if (!m_keychainAvailable) {
        QMetaObject::invokeMethod(
            this,
            [this, profileId] {
                Q_EMIT tokenWritten(profileId, false,
                                    tr("No keychain is available: the token is kept in memory "
                                       "for this session only."));
            },
            Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setKey(profileId);
    job->setInsecureFallback(false);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, profileId](QKeychain::Job *finished) {
        if (finished->error() == QKeychain::NoError) {
            Q_EMIT tokenWritten(profileId, true, {});
            return;
        }
        noteKeychainFailure(finished->error(), finished->errorString());
        Q_EMIT tokenWritten(
            profileId, false,
            tr("The token could not be stored in the keychain (%1); it is kept in memory for this "
               "session only.")
                .arg(finished->errorString()));
    });
    job->start();
}

void TokenVault::remove(const QString &profileId)
{
    m_memory.remove(profileId);
    if (!m_keychainAvailable)
        return;
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setKey(profileId);
    job->setInsecureFallback(false);
    job->start();
}

void TokenVault::noteKeychainFailure(int error, const QString &message)
{
    if (error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented
        || error == QKeychain::OtherError) {
        if (m_keychainAvailable) {
            m_keychainAvailable = false;
            Q_EMIT keychainUnavailable(
                tr("No system keychain is available (%1). Tokens are kept in memory for "
                   "this session only, or taken from ORKESTR_API_KEY.")
                    .arg(message));
        }
    }
}

} // namespace OrkestrUi

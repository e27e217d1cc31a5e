#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Orkestr {

// GET /v1/account: the plan, the token's scopes, the snapshot quota, limits and usage.
struct Account
{
    QString accountId;
    QString name;
    QString plan;
    QString tokenPrefix;
    QStringList scopes;
    int snapshotsUsed = 0;
    int snapshotsCap = 0;
    double maxCpu = 0;
    int maxMemoryMb = 0;
    int maxTimeoutSeconds = 0;
    int maxRunningSandboxes = 0;
    int runningSandboxes = 0;
    int pausedSandboxes = 0;

    // A token without sandboxes:write is read-only: the UI must not offer write actions.
    bool canWrite() const;
    bool snapshotsFull() const { return snapshotsUsed >= snapshotsCap; }

    static Account fromJson(const QJsonObject &object);
    QJsonObject toJson() const;
    friend bool operator==(const Account &, const Account &) = default;
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::Account)

#pragma once

#include "core/wirevalue.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Orkestr {

// GET /v1/account: the plan, the token's prefix and scopes, the snapshot quota, limits and usage
// (grouped as the response groups them).
struct Account
{
    // One snapshot per paused sandbox, up to the plan's cap.
    struct Snapshots
    {
        int used = 0;
        int cap = 0;
        bool isFull() const { return used >= cap; }
        friend bool operator==(const Snapshots &, const Snapshots &) = default;
    };
    // What the plan allows one sandbox (and how many may run at once).
    struct Limits
    {
        double maxCpu = 0;
        int maxMemoryMb = 0;
        int maxTimeoutSeconds = 0;
        int maxRunningSandboxes = 0;
        friend bool operator==(const Limits &, const Limits &) = default;
    };
    struct Usage
    {
        int running = 0;
        int paused = 0;
        friend bool operator==(const Usage &, const Usage &) = default;
    };
    // The token this client authenticates with: never the secret, only its first characters.
    struct Token
    {
        QString prefix;
        QStringList scopes;
        friend bool operator==(const Token &, const Token &) = default;
    };

    QString accountId;
    QString name;
    QString plan;
    Token token;
    Snapshots snapshots;
    Limits limits;
    Usage usage;

    // A token without sandboxes:write is read-only: the UI must not offer write actions.
    bool canWrite() const;

    ORKESTR_WIRE_VALUE(Account);
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::Account)

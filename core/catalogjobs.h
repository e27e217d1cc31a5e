#pragma once

#include "core/account.h"
#include "core/jsonjobs.h"
#include "core/sandbox.h"

namespace Orkestr {

// The account's read-only queries: what it is and may use.

// GET /v1/account
class GetAccountJob : public ObjectJob<Account>
{
    Q_OBJECT
public:
    explicit GetAccountJob(QObject *parent = nullptr);
    Account account() const { return value(); }
    // The response's Server header (e.g. "orkestr-local/0.4.0"); the contract does not require
    // one, so it may be empty.
    QString serverSoftware() const { return QString::fromLatin1(responseHeader("Server")); }
};

// GET /v1/templates
class GetTemplatesJob : public ArrayFieldJob<Template>
{
    Q_OBJECT
public:
    explicit GetTemplatesJob(QObject *parent = nullptr);
    QList<Template> templates() const { return items(); }
};

// GET /v1/regions
class GetRegionsJob : public ArrayFieldJob<Region>
{
    Q_OBJECT
public:
    explicit GetRegionsJob(QObject *parent = nullptr);
    QList<Region> regions() const { return items(); }
};

} // namespace Orkestr

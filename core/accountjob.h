#pragma once

#include "core/account.h"
#include "core/jsonjobs.h"

namespace Orkestr {

// GET /v1/account
class GetAccountJob : public ObjectJob<Account>
{
    Q_OBJECT
public:
    explicit GetAccountJob(QObject *parent = nullptr);
    Account account() const { return value(); }
};

} // namespace Orkestr

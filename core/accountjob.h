#pragma once

#include "core/account.h"
#include "core/job.h"

namespace Orkestr {

// GET /v1/account
class GetAccountJob : public Job
{
    Q_OBJECT
public:
    explicit GetAccountJob(QObject *parent = nullptr);
    Account account() const { return m_account; }

protected:
    ApiError onResponseFinished(const QByteArray &collected) override;

private:
    Account m_account;
};

} // namespace Orkestr

#include "core/accountjob.h"

#include "core/jsonresponse.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

GetAccountJob::GetAccountJob(QObject *parent)
    : Job("GET", u"/v1/account"_s, parent)
{
}

ApiError GetAccountJob::onResponseFinished(const QByteArray &collected)
{
    QJsonObject object;
    if (auto error = parseJsonObject(collected, &object); error.isError())
        return error;
    m_account = Account::fromJson(object);
    return {};
}

} // namespace Orkestr

#include "core/account.h"

#include "core/wirefields.h"

#include <QJsonArray>

namespace Orkestr {

using namespace Qt::StringLiterals;

bool Account::canWrite() const
{
    return scopes.contains(u"sandboxes:write"_s);
}

// The token's prefix and scopes are read and written apart: the wire nests them in "token", the
// struct does not.
Account Account::fromJson(const QJsonObject &object)
{
    auto account = fromJsonFields<Account>(object, AccountFields);
    const auto token = object.value(u"token"_s).toObject();
    account.tokenPrefix = token.value(u"prefix"_s).toString();
    for (const auto &scope : token.value(u"scopes"_s).toArray())
        account.scopes.append(scope.toString());
    return account;
}

QJsonObject Account::toJson() const
{
    auto object = toJsonFields(*this, AccountFields);
    object.insert(
        u"token"_s,
        QJsonObject {{u"prefix"_s, tokenPrefix}, {u"scopes"_s, QJsonArray::fromStringList(scopes)}});
    return object;
}

} // namespace Orkestr

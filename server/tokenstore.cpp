#include "server/tokenstore.h"

#include "server/atomicfile.h"
#include "server/ids.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
QByteArray digestOf(QByteArrayView secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256).toHex();
}

// Compares without an early exit, so the time taken says nothing about where they differ.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}
} // namespace

TokenStore::TokenStore(QString dataDir)
    : m_path(QDir(dataDir).filePath(u"tokens.json"_s))
{
}

QStringList TokenStore::allScopes()
{
    return {u"sandboxes:read"_s, u"sandboxes:write"_s};
}

QString TokenStore::fileStamp() const
{
    // The file is replaced by a rename, so its inode changes with every write.
    const QFileInfo info(m_path);
    if (!info.exists())
        return QString();
    return u"%1:%2:%3"_s.arg(info.lastModified(QTimeZone::UTC).toMSecsSinceEpoch())
        .arg(info.size())
        .arg(info.fileTime(QFileDevice::FileMetadataChangeTime).toMSecsSinceEpoch());
}

void TokenStore::reloadIfChanged()
{
    if (fileStamp() == m_stamp)
        return;
    const auto previous = m_tokens;
    QString error;
    if (!load(&error))
        m_tokens = previous; // a broken file keeps the tokens we had
}

bool TokenStore::load(QString *error)
{
    m_tokens.clear();
    m_stamp = fileStamp();
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"%1 is not valid JSON: %2"_s.arg(m_path, parseError.errorString());
        return false;
    }
    for (const auto &value : document.object().value(u"tokens"_s).toArray()) {
        const auto object = value.toObject();
        TokenRecord record;
        record.id = object.value(u"id"_s).toString();
        record.name = object.value(u"name"_s).toString();
        record.prefix = object.value(u"prefix"_s).toString();
        record.sha256 = object.value(u"sha256"_s).toString().toLatin1();
        for (const auto &scope : object.value(u"scopes"_s).toArray())
            record.scopes.append(scope.toString());
        record.createdAt = QDateTime::fromString(object.value(u"created_at"_s).toString(), Qt::ISODateWithMs);
        m_tokens.append(record);
    }
    return true;
}

bool TokenStore::save(QString *error) const
{
    QJsonArray tokens;
    for (const auto &record : m_tokens) {
        tokens.append(QJsonObject {
            {u"id"_s, record.id},
            {u"name"_s, record.name},
            {u"prefix"_s, record.prefix},
            {u"sha256"_s, QString::fromLatin1(record.sha256)},
            {u"scopes"_s, QJsonArray::fromStringList(record.scopes)},
            {u"created_at"_s, record.createdAt.toString(Qt::ISODateWithMs)},
        });
    }
    const QByteArray data = QJsonDocument(QJsonObject {{u"tokens"_s, tokens}}).toJson();
    return writeFileAtomically(m_path, data, QFileDevice::ReadOwner | QFileDevice::WriteOwner, error);
}

std::optional<QString> TokenStore::create(const QString &name, const QStringList &scopes, QString *error)
{
    for (const auto &scope : scopes) {
        if (!allScopes().contains(scope)) {
            *error = u"unknown scope \"%1\" (known: %2)"_s.arg(scope, allScopes().join(u", "_s));
            return std::nullopt;
        }
    }
    const QString secret = u"ork_"_s + randomBase62(40);
    TokenRecord record;
    record.id = u"tok_"_s + newUlid();
    record.name = name;
    record.prefix = secret.left(8);
    record.sha256 = digestOf(secret.toUtf8());
    record.scopes = scopes;
    record.createdAt = QDateTime::currentDateTimeUtc();
    m_tokens.append(record);
    if (!save(error)) {
        m_tokens.removeLast();
        return std::nullopt;
    }
    return secret;
}

int TokenStore::revoke(const QString &which, QString *error)
{
    const auto before = m_tokens;
    const auto removed = m_tokens.removeIf([&](const TokenRecord &record) {
        return record.id == which || record.prefix == which || record.name == which;
    });
    if (removed > 0 && !save(error)) {
        m_tokens = before;
        return -1;
    }
    return int(removed);
}

std::optional<TokenRecord> TokenStore::authenticate(QByteArrayView secret) const
{
    const QByteArray digest = digestOf(secret);
    std::optional<TokenRecord> found;
    // Every record is compared, whatever matched, so timing does not reveal which one did.
    for (const auto &record : m_tokens) {
        if (constantTimeEquals(digest, record.sha256))
            found = record;
    }
    return found;
}

} // namespace OrkestrLocal

#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace OrkestrLocal {

struct TokenRecord
{
    QString id; // tok_<ulid>
    QString name;
    QString prefix; // the first 8 characters, e.g. ork_3fA9, safe to show
    QByteArray sha256; // hex digest of the secret; the secret itself is never stored
    QStringList scopes;
    QDateTime createdAt;

    bool hasScope(const QString &scope) const { return scopes.contains(scope); }
};

// The API tokens of the local server, in <data-dir>/tokens.json (mode 0600), stored hashed.
class TokenStore
{
public:
    explicit TokenStore(QString dataDir);

    bool load(QString *error);
    // Re-reads tokens.json when another process (the token subcommand) replaced it, so that
    // tokens created or revoked while the server runs take effect at once.
    void reloadIfChanged();
    bool isEmpty() const { return m_tokens.isEmpty(); }
    QList<TokenRecord> tokens() const { return m_tokens; }

    // Creates a token and returns its secret, which is shown once and never again.
    std::optional<QString> create(const QString &name, const QStringList &scopes, QString *error);
    // Revokes tokens by id, prefix or name; returns how many went.
    int revoke(const QString &which, QString *error);
    // Finds the token for a presented secret, comparing digests in constant time.
    std::optional<TokenRecord> authenticate(QByteArrayView secret) const;

    static QStringList allScopes();

private:
    bool save(QString *error) const;
    QString fileStamp() const;
    QString m_path;
    QList<TokenRecord> m_tokens;
    QString m_stamp;
};

} // namespace OrkestrLocal

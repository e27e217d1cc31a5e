#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace OrkestrUi {

// Keeps API tokens in the system keychain (QtKeychain). Where no keychain is available the
// token lives only in memory for this run, and the user is told; ORKESTR_API_KEY is the last
// fallback. Every operation is asynchronous: keychains may ask the user, or be slow.
class TokenVault : public QObject
{
    Q_OBJECT
public:
    enum class Source { Keychain, Memory, Environment, None };
    Q_ENUM(Source)

    explicit TokenVault(QString service = QStringLiteral("orkestr-desk"), QObject *parent = nullptr);

    void read(const QString &profileId);
    void write(const QString &profileId, const QString &token);
    void remove(const QString &profileId);

    // False once the keychain has failed with "no backend"; tokens are then kept in memory.
    bool keychainAvailable() const { return m_keychainAvailable; }
    // Tests and "never store tokens" users: skip the keychain entirely.
    void setKeychainEnabled(bool enabled) { m_keychainAvailable = enabled; }

Q_SIGNALS:
    void tokenRead(const QString &profileId, const QString &token, OrkestrUi::TokenVault::Source source);
    // persisted is false when the token could only be kept in memory; message says why.
    void tokenWritten(const QString &profileId, bool persisted, const QString &message);
    void keychainUnavailable(const QString &message);

private:
    void finishRead(const QString &profileId);
    void noteKeychainFailure(int error, const QString &message);

    QString m_service;
    bool m_keychainAvailable = true;
    QHash<QString, QString> m_memory;
};

} // namespace OrkestrUi

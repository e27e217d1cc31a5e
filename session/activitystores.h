#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Orkestr {
class Client;
}

namespace OrkestrSession {

class ActivityStore;

// The activity stores of a session, one per sandbox, shared by every view that shows it: the
// Activity tab, the Overview's "why it ended" and an export read the same events, fetched once.
// A store lives while someone holds it (and is started when first asked for).
class ActivityStores : public QObject
{
    Q_OBJECT
public:
    explicit ActivityStores(Orkestr::Client *client, QObject *parent = nullptr);
    ~ActivityStores() override;

    // The sandbox's store, started; the same one for every caller while any holds it.
    std::shared_ptr<ActivityStore> store(const QString &sandboxId);
    // The store if someone holds it, without making one.
    std::shared_ptr<ActivityStore> find(const QString &sandboxId) const;
    int count() const;
    // The prefix of the session's own token (from the account): its events read as "You (name)".
    // Given to every store, also to those made later.
    void setOwnTokenPrefix(const QString &prefix);
    QString ownTokenPrefix() const { return m_ownTokenPrefix; }
    // Another server or token: stores made from now on are new (those held keep working on
    // what they had).
    void reset();

private:
    Orkestr::Client *m_client;
    QHash<QString, std::weak_ptr<ActivityStore>> m_stores;
    QString m_ownTokenPrefix;
};

} // namespace OrkestrSession

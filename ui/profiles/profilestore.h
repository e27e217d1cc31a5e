#pragma once

#include "ui/profiles/connectionprofile.h"

#include <QList>
#include <QObject>

class QSettings;

namespace OrkestrUi {

// The connection profiles, kept in the application's settings (never with a token).
// The first start creates the embedded "Local" profile, so the app connects with no typing.
class ProfileStore : public QObject
{
    Q_OBJECT
public:
    // Uses the given settings, or the application's default QSettings.
    explicit ProfileStore(QSettings *settings = nullptr, QObject *parent = nullptr);
    ~ProfileStore() override;

    QList<ConnectionProfile> profiles() const { return m_profiles; }
    ConnectionProfile profile(const QString &id) const;
    QString currentId() const { return m_currentId; }
    ConnectionProfile current() const { return profile(m_currentId); }

    // Adds or replaces a profile (by id); a new profile without an id gets one.
    ConnectionProfile save(ConnectionProfile profile);
    void remove(const QString &id);
    void setCurrent(const QString &id);

    static QString embeddedId() { return QStringLiteral("local"); }
    // The embedded profile's name until the user renames it, in the current language.
    static QString defaultEmbeddedName();

Q_SIGNALS:
    void profilesChanged();
    void currentChanged(const OrkestrUi::ConnectionProfile &profile);

private:
    void load();
    void store();

    QSettings *m_settings;
    bool m_ownsSettings;
    QList<ConnectionProfile> m_profiles;
    QString m_currentId;
};

} // namespace OrkestrUi

#include "ui/profiles/profilestore.h"

#include <QSettings>
#include <QUuid>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

ProfileStore::ProfileStore(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings ? settings : new QSettings)
    , m_ownsSettings(settings == nullptr)
{
    load();
}

ProfileStore::~ProfileStore()
{
    if (m_ownsSettings)
        delete m_settings;
}

void ProfileStore::load()
{
    m_profiles.clear();
    const int count = m_settings->beginReadArray(u"profiles"_s);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile;
        profile.id = m_settings->value(u"id"_s).toString();
        profile.name = m_settings->value(u"name"_s).toString();
        profile.baseUrl = m_settings->value(u"baseUrl"_s).toUrl();
        profile.embedded = m_settings->value(u"embedded"_s).toBool();
        profile.inspectOnly = m_settings->value(u"inspectOnly"_s).toBool();
        profile.allowInsecureHttp = m_settings->value(u"allowInsecureHttp"_s).toBool();
        // The embedded profile's default name is stored empty and shown in the current language
        // (older versions stored the English text).
        if (profile.embedded
            && (profile.name.isEmpty()
                || profile.name == QLatin1StringView("Local (embedded orkestr-local)")))
            profile.name = defaultEmbeddedName();
        if (profile.isValid())
            m_profiles.append(profile);
    }
    m_settings->endArray();

    // First start, or the embedded profile was removed by hand: there is always one to fall back on.
    if (std::none_of(m_profiles.cbegin(), m_profiles.cend(), [](const auto &p) { return p.embedded; })) {
        ConnectionProfile local;
        local.id = embeddedId();
        local.name = defaultEmbeddedName();
        local.embedded = true;
        m_profiles.prepend(local);
        store();
    }
    m_currentId = m_settings->value(u"currentProfile"_s).toString();
    if (profile(m_currentId).id.isEmpty())
        m_currentId = m_profiles.first().id;
}

QString ProfileStore::defaultEmbeddedName()
{
    return tr("Local (embedded orkestr-local)");
}

void ProfileStore::store()
{
    m_settings->beginWriteArray(u"profiles"_s, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const auto &profile = m_profiles.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(u"id"_s, profile.id);
        m_settings->setValue(
            u"name"_s, profile.embedded && profile.name == defaultEmbeddedName() ? QString() : profile.name);
        m_settings->setValue(u"baseUrl"_s, profile.baseUrl);
        m_settings->setValue(u"embedded"_s, profile.embedded);
        m_settings->setValue(u"inspectOnly"_s, profile.inspectOnly);
        m_settings->setValue(u"allowInsecureHttp"_s, profile.allowInsecureHttp);
    }
    m_settings->endArray();
    m_settings->setValue(u"currentProfile"_s, m_currentId);
}

ConnectionProfile ProfileStore::profile(const QString &id) const
{
    for (const auto &profile : m_profiles) {
        if (profile.id == id)
            return profile;
    }
    return {};
}

ConnectionProfile ProfileStore::save(ConnectionProfile profile)
{
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto it = std::find_if(m_profiles.begin(), m_profiles.end(),
                           [&](const auto &p) { return p.id == profile.id; });
    if (it != m_profiles.end())
        *it = profile;
    else
        m_profiles.append(profile);
    store();
    Q_EMIT profilesChanged();
    if (profile.id == m_currentId)
        Q_EMIT currentChanged(profile);
    return profile;
}

void ProfileStore::remove(const QString &id)
{
    const auto target = profile(id);
    // The embedded profile stays: it is the fallback that always works.
    if (target.id.isEmpty() || target.embedded)
        return;
    m_profiles.removeIf([&](const auto &p) { return p.id == id; });
    if (m_currentId == id) {
        m_currentId = m_profiles.first().id;
        store();
        Q_EMIT profilesChanged();
        Q_EMIT currentChanged(current());
        return;
    }
    store();
    Q_EMIT profilesChanged();
}

void ProfileStore::setCurrent(const QString &id)
{
    if (id == m_currentId || profile(id).id.isEmpty())
        return;
    m_currentId = id;
    m_settings->setValue(u"currentProfile"_s, m_currentId);
    Q_EMIT currentChanged(current());
}

} // namespace OrkestrUi

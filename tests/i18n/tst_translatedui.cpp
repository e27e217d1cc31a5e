// The real MainWindow, connected to a real orkestr-local, with the German and then the Finnish
// translators installed the way the application installs them (OrkestrUi::Language::install
// from ":/i18n"): the menus and tabs carry the translated titles, and no text on screen is an
// English source text that has a translation. Also the language setting and its menu, and the
// English plural forms.

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "testserver.h"
#include "tsfile.h"
#include "ui/i18n/language.h"
#include "ui/mainwindow.h"
#include "ui/profiles/profilestore.h"
#include "ui/sandboxes/createsandboxdialog.h"
#include "ui/sandboxes/sandboxespage.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

QString tsFile(const QString &language)
{
    for (const QString &path : QString::fromUtf8(ORKESTR_TS_FILES).split(u'|', Qt::SkipEmptyParts)) {
        if (QFileInfo(path).completeBaseName().endsWith(u'_' + language))
            return path;
    }
    return {};
}

void removeTranslators()
{
    for (auto *translator : qApp->findChildren<QTranslator *>()) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

void addActionTexts(const QList<QAction *> &actions, QStringList *texts)
{
    for (QAction *action : actions) {
        if (action->isSeparator())
            continue;
        texts->append(action->text());
        texts->append(action->toolTip());
        texts->append(action->statusTip());
        if (action->menu()) {
            texts->append(action->menu()->title());
            addActionTexts(action->menu()->actions(), texts);
        }
    }
}

// The texts a user sees: labels, buttons, tabs, placeholders, tooltips, column headers, the menus
// (with their submenus) and the toolbar actions.
QStringList visibleTexts(QMainWindow *window)
{
    QStringList texts {window->windowTitle()};
    addActionTexts(window->menuBar()->actions(), &texts);
    const auto widgets = window->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisibleTo(window))
            continue;
        texts.append(widget->toolTip());
        if (auto *label = qobject_cast<QLabel *>(widget))
            texts.append(label->text());
        else if (auto *button = qobject_cast<QAbstractButton *>(widget))
            texts.append(button->text());
        else if (auto *edit = qobject_cast<QLineEdit *>(widget))
            texts.append(edit->placeholderText());
        else if (auto *group = qobject_cast<QGroupBox *>(widget))
            texts.append(group->title());
        if (auto *bar = qobject_cast<QTabBar *>(widget)) {
            for (int i = 0; i < bar->count(); ++i)
                texts << bar->tabText(i) << bar->tabToolTip(i);
        }
        if (auto *view = qobject_cast<QAbstractItemView *>(widget); view && view->model()) {
            const auto *model = view->model();
            for (int column = 0; column < model->columnCount(); ++column)
                texts.append(model->headerData(column, Qt::Horizontal).toString());
            for (int row = 0; row < model->rowCount(); ++row)
                texts.append(model->index(row, 0).data().toString());
        }
        addActionTexts(widget->actions(), &texts);
    }
    texts.removeAll(QString());
    texts.removeDuplicates();
    return texts;
}

} // namespace

class TestTranslatedUi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"orkestr-test"_s);
        QCoreApplication::setApplicationName(u"tst_translatedui"_s);
        QSettings().clear();
        QVERIFY(m_server.start({u"--plan"_s, u"pro"_s}));
        // One sandbox, so that the list shows a group and a row.
        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(m_server.token());
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *create = client.call<Orkestr::CreateSandboxJob>(params);
        QSignalSpy created(create, &Orkestr::Job::finished);
        QVERIFY(created.wait(20000));
        QVERIFY2(create->status() == Orkestr::Job::Status::Succeeded,
                 qPrintable(create->error().displayText()));
    }
    void cleanup() { removeTranslators(); }

    void mainWindowIsTranslated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("menus");
        QTest::addColumn<QStringList>("tabs");
        QTest::addColumn<QString>("standardButton"); // Qt's own translation (qtbase), for QMessageBox::Cancel
        QTest::newRow("de") << u"de"_s << QStringList {u"&Datei"_s, u"&Sandbox"_s, u"&Ansicht"_s, u"&Hilfe"_s}
                            << QStringList {u"Sandboxes"_s, u"Konto"_s, u"Übersicht"_s, u"Terminal"_s,
                                            u"Dateien"_s}
                            << u"Abbrechen"_s;
        QTest::newRow("fi") << u"fi"_s
                            << QStringList {u"&Tiedosto"_s, u"&Hiekkalaatikko"_s, u"&Näytä"_s, u"&Ohje"_s}
                            << QStringList {u"Hiekkalaatikot"_s, u"Tili"_s, u"Yleiskatsaus"_s, u"Pääte"_s,
                                            u"Tiedostot"_s}
                            << u"Peru"_s;
    }
    void mainWindowIsTranslated()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, menus);
        QFETCH(QStringList, tabs);
        QFETCH(QString, standardButton);

        QCOMPARE(OrkestrUi::Language::install(qApp, QLocale(language), u":/i18n"_s), language);

        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(m_server.token());
        OrkestrUi::MainWindow window(&client);
        window.show();
        QSignalSpy changed(&window, &OrkestrUi::MainWindow::accountChanged);
        window.refreshAccount();
        QVERIFY(changed.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(window.sandboxesPage()->isVisible(), 10000);

        QStringList menuTitles;
        for (QAction *action : window.menuBar()->actions())
            menuTitles.append(action->text());
        QCOMPARE(menuTitles, menus);

        QStringList tabTitles;
        for (auto *tabWidget : window.findChildren<QTabWidget *>()) {
            for (int i = 0; i < tabWidget->count(); ++i)
                tabTitles.append(tabWidget->tabText(i));
        }
        for (const QString &tab : tabs)
            QVERIFY2(tabTitles.contains(tab), qPrintable(tabTitles.join(u", "_s)));

        // Qt's own texts (here a standard button) come from qtbase_<language>.qm, loaded for the
        // same language; Debian ships it in qt6-translations-l10n (scripts/packages/debian.txt).
        QMessageBox box;
        box.setStandardButtons(QMessageBox::Cancel);
        QVERIFY2(box.button(QMessageBox::Cancel)->text() == standardButton,
                 qPrintable(box.button(QMessageBox::Cancel)->text()
                            + u": Qt's own translation is missing (install qt6-translations-l10n)"_s));

        // No text on screen may be an English source text whose translation differs: that would be
        // a text made before the translator was installed, or a text looked up under the wrong
        // context.
        const auto ts = I18nCheck::readTsFile(tsFile(language));
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        QHash<QString, QString> untranslated; // English source → its translation
        QSet<QString> translations;
        for (const auto &message : ts.messages) {
            if (message.numerus || message.translations.isEmpty())
                continue;
            if (message.translations.first() != message.source)
                untranslated.insert(message.source, message.translations.first());
            translations.insert(message.translations.first());
        }
        QVERIFY(untranslated.size() > 100);

        const QStringList texts = visibleTexts(&window);
        QStringList english;
        int translated = 0;
        for (const QString &text : texts) {
            if (untranslated.contains(text) && !translations.contains(text))
                english.append(u"\"%1\" (should be \"%2\")"_s.arg(text, untranslated.value(text)));
            if (translations.contains(text))
                ++translated;
        }
        QVERIFY2(english.isEmpty(), qPrintable(u"English on screen: "_s + english.join(u", "_s)));
        // The check above saw a real, translated window, not an empty one.
        QVERIFY2(
            translated >= 20,
            qPrintable(u"only %1 translated texts among: %2"_s.arg(translated).arg(texts.join(u" | "_s))));
    }

    // ORKESTR_I18N_SCREENSHOTS=DIR: pictures of the account page and the create dialog in German
    // and Finnish, to see that the longer texts fit (not a check).
    void screenshots()
    {
        const QString outDir = qEnvironmentVariable("ORKESTR_I18N_SCREENSHOTS");
        if (outDir.isEmpty())
            QSKIP("ORKESTR_I18N_SCREENSHOTS is not set");
        for (const QString &language : {u"de"_s, u"fi"_s}) {
            QCOMPARE(OrkestrUi::Language::install(qApp, QLocale(language), u":/i18n"_s), language);
            Orkestr::Client client;
            client.setBaseUrl(m_server.url());
            client.setToken(m_server.token());
            OrkestrUi::MainWindow window(&client);
            window.resize(1100, 700);
            window.show();
            QSignalSpy changed(&window, &OrkestrUi::MainWindow::accountChanged);
            window.refreshAccount();
            QVERIFY(changed.wait(10000));
            auto *tabs = window.findChild<QTabWidget *>(u"mainTabs"_s);
            QVERIFY(tabs);
            tabs->setCurrentIndex(tabs->count() - 1);
            QTest::qWait(200);
            QVERIFY(window.grab().save(u"%1/account-%2.png"_s.arg(outDir, language)));
            OrkestrUi::CreateSandboxDialog dialog(&client, window.account(), &window);
            dialog.show();
            QTest::qWait(500);
            QVERIFY(dialog.grab().save(u"%1/create-%2.png"_s.arg(outDir, language)));
            removeTranslators();
        }
    }

    void otherLanguagesStayEnglish()
    {
        QCOMPARE(OrkestrUi::Language::install(qApp, QLocale(u"sv_SE"_s), u":/i18n"_s), QString());
        QCOMPARE(qApp->findChildren<QTranslator *>().size(), 0);
        QCOMPARE(QCoreApplication::translate("OrkestrUi::MainWindow", "&File"), u"&File"_s);
    }

    void englishHasPluralForms()
    {
        QCOMPARE(OrkestrUi::Language::install(qApp, QLocale(u"en_GB"_s), u":/i18n"_s), u"en"_s);
        QCOMPARE(
            QCoreApplication::translate("OrkestrUi::SandboxesPage", "Working on %n sandboxes…", nullptr, 1),
            u"Working on 1 sandbox…"_s);
        QCOMPARE(
            QCoreApplication::translate("OrkestrUi::SandboxesPage", "Working on %n sandboxes…", nullptr, 3),
            u"Working on 3 sandboxes…"_s);
    }

    void germanAndFinnishPluralForms()
    {
        QCOMPARE(OrkestrUi::Language::install(qApp, QLocale(u"de_DE"_s), u":/i18n"_s), u"de"_s);
        const auto one
            = QCoreApplication::translate("OrkestrUi::SandboxesPage", "Working on %n sandboxes…", nullptr, 1);
        const auto two
            = QCoreApplication::translate("OrkestrUi::SandboxesPage", "Working on %n sandboxes…", nullptr, 2);
        QVERIFY2(one.contains(u'1') && two.contains(u'2') && one != two, qPrintable(one + u" / "_s + two));
        QVERIFY(!one.contains(u"Working"_s));
    }

    // The local profile is made at the first start; its name follows the language of each start
    // (until the user renames it), also when an older version stored the English name.
    void embeddedProfileNameFollowsTheLanguage()
    {
        QSettings settings(m_dir.filePath(u"profiles.ini"_s), QSettings::IniFormat);
        {
            OrkestrUi::ProfileStore english(&settings);
            QCOMPARE(english.profile(OrkestrUi::ProfileStore::embeddedId()).name,
                     u"Local (embedded orkestr-local)"_s);
        }
        settings.beginReadArray(u"profiles"_s);
        settings.setArrayIndex(0);
        QCOMPARE(settings.value(u"name"_s).toString(), QString());
        settings.endArray();
        // As stored before the name was kept empty.
        settings.beginWriteArray(u"profiles"_s, 1);
        settings.setArrayIndex(0);
        settings.setValue(u"name"_s, u"Local (embedded orkestr-local)"_s);
        settings.endArray();

        QCOMPARE(OrkestrUi::Language::install(qApp, QLocale(u"de"_s), u":/i18n"_s), u"de"_s);
        OrkestrUi::ProfileStore german(&settings);
        QCOMPARE(german.profile(OrkestrUi::ProfileStore::embeddedId()).name,
                 u"Lokal (eingebettetes orkestr-local)"_s);
        // A name the user chose stays.
        auto renamed = german.profile(OrkestrUi::ProfileStore::embeddedId());
        renamed.name = u"Mein Rechner"_s;
        german.save(renamed);
        OrkestrUi::ProfileStore again(&settings);
        QCOMPARE(again.profile(OrkestrUi::ProfileStore::embeddedId()).name, u"Mein Rechner"_s);
    }

    void settingChoosesTheLanguage()
    {
        QSettings settings;
        QCOMPARE(OrkestrUi::Language::setting(settings), QString());
        OrkestrUi::Language::setSetting(settings, u"fi"_s);
        QCOMPARE(OrkestrUi::Language::setting(settings), u"fi"_s);
        QCOMPARE(OrkestrUi::Language::localeFor(u"fi"_s).language(), QLocale::Finnish);
        // A value that names no shipped language means the system default.
        settings.setValue(OrkestrUi::Language::settingsKey(), u"xx"_s);
        QCOMPARE(OrkestrUi::Language::setting(settings), QString());
        OrkestrUi::Language::setSetting(settings, QString());
        QVERIFY(!settings.contains(OrkestrUi::Language::settingsKey()));
        QCOMPARE(OrkestrUi::Language::localeFor(QString()), QLocale::system());
    }

    void languageMenuSavesTheChoiceAndSaysWhenItApplies()
    {
        QWidget window;
        auto *menu = new OrkestrUi::LanguageMenu(&window);
        const auto actions = menu->actions();
        QCOMPARE(actions.size(), 4);
        QVERIFY(actions.first()->isChecked()); // the system default, as nothing is set
        QStringList labels;
        for (auto *action : actions)
            labels.append(action->text());
        QCOMPARE(labels.mid(1), (QStringList {u"English"_s, u"Deutsch"_s, u"Suomi"_s}));

        actions.at(2)->trigger();
        QCOMPARE(QSettings().value(OrkestrUi::Language::settingsKey()).toString(), u"de"_s);
        QVERIFY(actions.at(2)->isChecked());
        auto *notice = window.findChild<QMessageBox *>(u"languageRestartNotice"_s);
        QVERIFY(notice);
        QVERIFY(notice->text().contains(u"started again"_s));
        notice->close();

        actions.first()->trigger();
        QVERIFY(!QSettings().contains(OrkestrUi::Language::settingsKey()));
    }

private:
    TestServer m_server;
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestTranslatedUi)
#include "tst_translatedui.moc"

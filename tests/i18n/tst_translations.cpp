// The translation files and the sources, checked against each other:
//
// - every .ts file is complete: no unfinished, vanished or obsolete entry, no empty translation,
//   the placeholders (%1, %n) and the &-accelerators of the source kept, the plural forms the
//   language needs;
// - the .ts files are current: lupdate, run over the same sources into a copy of each file, finds
//   neither a new text nor one that is gone;
// - the sources mark their texts: the scanner of sourcescanner.h finds no string literal in a
//   call that shows text (its rules and allow-list are documented there).
//
// Each check also runs against made-up input it must reject, so that none of them passes by
// accident (scannerRejects*, tsCheckRejects*).

#include "sourcescanner.h"
#include "tsfile.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace I18nCheck;

namespace {

QStringList tsFiles()
{
    return QString::fromUtf8(ORKESTR_TS_FILES).split(u'|', Qt::SkipEmptyParts);
}

QString pluralsTsFile()
{
    return QString::fromUtf8(ORKESTR_PLURALS_TS_FILE);
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%L?(\\d+|n)"_s);
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found.append(it.next().captured(1));
    found.sort();
    found.removeDuplicates();
    return found;
}

// The number of "&X" accelerators ("&&" is a literal ampersand).
int accelerators(const QString &text)
{
    QString plain = text;
    plain.remove(u"&&"_s);
    static const QRegularExpression accelerator(u"&[^\\s&;]"_s);
    // HTML entities (&lt;) are no accelerators.
    static const QRegularExpression entity(u"&[a-z]+;"_s);
    plain.remove(entity);
    return int(plain.count(accelerator));
}

// What is wrong with a .ts file: empty when it is complete. pluralForms: the number of
// <numerusform> the language needs; pluralOnly: the English file, which holds only %n texts.
QStringList tsProblems(const TsFile &ts, int pluralForms, bool pluralOnly)
{
    QStringList problems;
    if (!ts.error.isEmpty())
        problems.append(u"not a valid .ts file: "_s + ts.error);
    if (ts.messages.isEmpty() && !pluralOnly)
        problems.append(u"no messages"_s);
    for (const TsMessage &m : ts.messages) {
        const QString where = u"%1 / \"%2\""_s.arg(m.context, m.source);
        if (!m.type.isEmpty()) {
            problems.append(u"%1: %2"_s.arg(where, m.type));
            continue;
        }
        if (pluralOnly && !m.numerus) {
            problems.append(where + u": not a plural text, but in the plural-forms file"_s);
            continue;
        }
        if (m.numerus && m.translations.size() != pluralForms)
            problems.append(u"%1: %2 plural forms instead of %3"_s.arg(where)
                                .arg(m.translations.size())
                                .arg(pluralForms));
        for (const QString &translation : m.translations) {
            if (translation.trimmed().isEmpty()) {
                problems.append(where + u": empty translation"_s);
                continue;
            }
            if (placeholders(translation) != placeholders(m.source))
                problems.append(u"%1: placeholders %2 in \"%3\""_s.arg(
                    where, placeholders(translation).join(u' '), translation));
            if (accelerators(m.source) != accelerators(translation))
                problems.append(u"%1: &-accelerator lost or added in \"%2\""_s.arg(where, translation));
        }
    }
    return problems;
}

int pluralFormsOf(const QString &language)
{
    // German, Finnish and English: singular and plural (QLocale's plural rules, as lrelease uses them).
    Q_UNUSED(language);
    return 2;
}

QSet<QString> keys(const TsFile &ts)
{
    QSet<QString> set;
    for (const auto &m : ts.messages)
        set.insert(m.key());
    return set;
}

QString describe(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    for (QString &entry : list)
        entry.replace(u'\x1f', u" | "_s);
    return list.join(u"\n    "_s);
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scannerRejectsUnmarkedTexts_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("violations");
        QTest::newRow("literal in setText") << u"label->setText(u\"Hello\"_s);"_s << 1;
        QTest::newRow("plain literal") << u"label->setText(\"Hello\");"_s << 1;
        QTest::newRow("marked") << u"label->setText(tr(\"Hello\"));"_s << 0;
        QTest::newRow("translate") << u"x.setText(QCoreApplication::translate(\"C\", \"Hello\"));"_s << 0;
        QTest::newRow("message box title")
            << u"QMessageBox::warning(this, QStringLiteral(\"Title\"), tr(\"Body\"));"_s << 1;
        QTest::newRow("label constructor")
            << u"auto *l = new QLabel(QStringLiteral(\"Name:\"), this);"_s << 1;
        QTest::newRow("literal in arg()")
            << u"setText(tr(\"%1 (%2)\").arg(name, u\"inspect only\"_s));"_s << 1;
        QTest::newRow("either branch") << u"setText(on ? tr(\"Yes\") : u\"No\"_s);"_s << 1;
        QTest::newRow("fromUtf8") << u"w->setToolTip(QString::fromUtf8(\"W\\xc3\\xb6rter\"));"_s << 1;
        QTest::newRow("two in one call") << u"addTab(page, u\"One\"_s + u\"Two\"_s);"_s << 2;
        QTest::newRow("second line of a call") << u"showMessage(\n    u\"Saved\"_s,\n    3000);"_s << 1;
        QTest::newRow("ApiError message")
            << u"return ApiError(Kind::Connection, u\"connection_error\"_s, u\"No route\"_s);"_s << 1;
        QTest::newRow("ApiError type only")
            << u"return ApiError(Kind::Connection, u\"connection_error\"_s, tr(\"No route\"));"_s << 0;
        QTest::newRow("item data") << u"combo->addItem(tr(\"open\"), u\"open\"_s);"_s << 0;
        QTest::newRow("item text") << u"combo->addItem(u\"open\"_s, u\"open\"_s);"_s << 1;
        QTest::newRow("shortcut and lambda")
            << u"menu->addAction(tr(\"Copy\"), QKeySequence(u\"Ctrl+C\"_s), [this] { run(u\"copy\"_s); });"_s
            << 0;
        QTest::newRow("date format") << u"label->setText(QLocale().toString(t, u\"HH:mm\"_s));"_s << 0;
        QTest::newRow("symbols only")
            << u"button->setText(u\"+\"_s); prompt->setText(dir + u\" $\"_s);"_s << 0;
        QTest::newRow("escapes only") << u"label->setText(u\"\\n\\t\"_s);"_s << 0;
        QTest::newRow("comment") << u"// label->setText(u\"Hello\"_s);\n/* setText(\"Hi\") */"_s << 0;
        QTest::newRow("allow-listed") << u"url->setPlaceholderText(u\"https://api.orkestr.eu\"_s);"_s << 0;
        QTest::newRow("quote in a char literal") << u"setText(name + u'\"'); setTitle(u\"Files\"_s);"_s << 1;
        QTest::newRow("header data")
            << u"QVariant M::headerData(int s, Qt::Orientation o, int role) const\n"
               u"{ if (role == Qt::DisplayRole) return s == 0 ? tr(\"Name\") : u\"Size\"_s; "
               u"return {}; }"_s
            << 1;
        QTest::newRow("header data declaration")
            << u"QVariant headerData(int s, Qt::Orientation o, int role = Qt::DisplayRole) const override;"_s
            << 0;
        QTest::newRow("not a text call") << u"settings.setValue(u\"window/geometry\"_s, g);"_s << 0;
    }
    void scannerRejectsUnmarkedTexts()
    {
        QFETCH(QString, code);
        QFETCH(int, violations);
        const auto found = scanSource(code, u"snippet.cpp"_s);
        QStringList texts;
        for (const auto &v : found)
            texts.append(v.call + u": "_s + v.literal);
        QVERIFY2(found.size() == violations, qPrintable(texts.join(u", "_s)));
    }

    void sourcesMarkTheirTexts()
    {
        const QString root = QString::fromUtf8(ORKESTR_SOURCE_DIR);
        const auto violations = scanDirectories({root + u"/ui"_s, root + u"/app"_s, root + u"/core"_s});
        QStringList lines;
        for (const auto &v : violations)
            lines.append(u"%1:%2: %3(… \"%4\" …) is not marked for translation"_s.arg(v.file).arg(v.line).arg(
                v.call, v.literal));
        QVERIFY2(violations.isEmpty(),
                 qPrintable(u"\n"_s + lines.join(u'\n')
                            + u"\nWrap the text in tr(), or add it to allowList() in "
                              u"tests/i18n/sourcescanner.cpp with the reason."_s));
    }

    void tsCheckRejectsBrokenFiles_data()
    {
        QTest::addColumn<QByteArray>("message");
        const QByteArray head = "<message><source>Open %1</source>";
        QTest::newRow("unfinished") << head
                + "<translation type=\"unfinished\">Öffne %1</translation></message>";
        QTest::newRow("vanished") << head + "<translation type=\"vanished\">Öffne %1</translation></message>";
        QTest::newRow("obsolete") << head + "<translation type=\"obsolete\">Öffne %1</translation></message>";
        QTest::newRow("empty") << head + "<translation></translation></message>";
        QTest::newRow("placeholder lost") << head + "<translation>Öffnen</translation></message>";
        QTest::newRow("accelerator lost") << QByteArray("<message><source>&amp;File</source>"
                                                        "<translation>Datei</translation></message>");
        QTest::newRow("one plural form") << QByteArray("<message numerus=\"yes\"><source>%n files</source>"
                                                       "<translation><numerusform>%n Dateien</numerusform>"
                                                       "</translation></message>");
        QTest::newRow("%n lost in a plural form")
            << QByteArray("<message numerus=\"yes\"><source>%n files</source><translation>"
                          "<numerusform>eine Datei</numerusform><numerusform>%n Dateien</numerusform>"
                          "</translation></message>");
    }
    void tsCheckRejectsBrokenFiles()
    {
        QFETCH(QByteArray, message);
        const QByteArray xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><!DOCTYPE TS><TS version=\"2.1\" "
                               "language=\"de\"><context><name>C</name>"
            + message + "</context></TS>";
        const TsFile ts = parseTs(xml);
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        QCOMPARE(ts.messages.size(), 1);
        QVERIFY(!tsProblems(ts, 2, false).isEmpty());
        // And the same message, finished and correct, passes: the check is not simply strict.
        const QByteArray good
            = "<?xml version=\"1.0\"?><TS version=\"2.1\" language=\"de\"><context><name>C</name>"
              "<message><source>&amp;Open %1</source><translation>&amp;Öffne %1</translation>"
              "</message></context></TS>";
        QCOMPARE(tsProblems(parseTs(good), 2, false), QStringList());
    }

    void translationFilesAreComplete_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("pluralOnly");
        for (const QString &path : tsFiles())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path << false;
        QTest::newRow(qPrintable(QFileInfo(pluralsTsFile()).fileName())) << pluralsTsFile() << true;
    }
    void translationFilesAreComplete()
    {
        QFETCH(QString, path);
        QFETCH(bool, pluralOnly);
        const TsFile ts = readTsFile(path);
        const QString expectedLanguage = QFileInfo(path).completeBaseName().section(u'_', -1);
        QCOMPARE(ts.language, expectedLanguage);
        const QStringList problems = tsProblems(ts, pluralFormsOf(ts.language), pluralOnly);
        QVERIFY2(problems.isEmpty(), qPrintable(u"\n"_s + problems.join(u'\n')));
        if (pluralOnly)
            QVERIFY2(!ts.messages.isEmpty(),
                     "the sources have %n texts, so the English file has plural forms");
    }

    // lupdate over the sources into a copy of each .ts file must change no message: otherwise a
    // text was added, changed or removed in the sources without updating the translations.
    void translationFilesMatchTheSources_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("pluralOnly");
        for (const QString &path : tsFiles())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path << false;
        QTest::newRow(qPrintable(QFileInfo(pluralsTsFile()).fileName())) << pluralsTsFile() << true;
    }
    void translationFilesMatchTheSources()
    {
        QFETCH(QString, path);
        QFETCH(bool, pluralOnly);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QFileInfo(path).fileName());
        QVERIFY(QFile::copy(path, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        // The options of LUPDATE_OPTIONS in app/CMakeLists.txt; the list file holds the sources of
        // the targets that qt_add_translations scans, and the include path.
        QStringList arguments {u"@"_s + QString::fromUtf8(ORKESTR_LUPDATE_LIST), u"-no-obsolete"_s,
                               u"-locations"_s, u"none"_s};
        if (pluralOnly)
            arguments.append(u"-pluralonly"_s);
        arguments << u"-ts"_s << copy;
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QString::fromUtf8(ORKESTR_LUPDATE_PROGRAM), arguments);
        QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
        const QByteArray output = lupdate.readAll();
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, output.constData());

        const QSet<QString> before = keys(readTsFile(path));
        const QSet<QString> after = keys(readTsFile(copy));
        const QSet<QString> added = after - before;
        QSet<QString> removed = before - after;
        QVERIFY2(
            added.isEmpty() && removed.isEmpty(),
            qPrintable(
                u"%1 is not up to date with the sources; run `cmake --build <build> --target "
                u"update_translations` and translate (docs/translations.md).\n  new in the sources:\n    "
                u"%2\n  gone from the sources:\n    %3"_s.arg(path, describe(added), describe(removed))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"

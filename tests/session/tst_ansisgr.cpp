// The ANSI SGR parser: colours and attributes become runs, every other escape is removed, and a
// sequence cut between chunks is completed by the next one.

#include "session/ansisgr.h"

#include <QTest>

using namespace Qt::StringLiterals;
using OrkestrSession::AnsiColor;
using OrkestrSession::AnsiRun;
using OrkestrSession::AnsiSgrParser;
using OrkestrSession::AnsiStyle;

namespace {

AnsiStyle fg(int index)
{
    AnsiStyle style;
    style.foreground = AnsiColor::indexed(index);
    return style;
}

// Feeds the text in pieces of `size` characters and merges the runs as a reader would.
QList<AnsiRun> feedInPieces(const QString &text, qsizetype size)
{
    AnsiSgrParser parser;
    QList<AnsiRun> runs;
    for (qsizetype at = 0; at < text.size(); at += size) {
        for (const auto &run : parser.feed(QStringView(text).mid(at, size))) {
            if (!runs.isEmpty() && runs.last().style == run.style)
                runs.last().text += run.text;
            else
                runs.append(run);
        }
    }
    return runs;
}

} // namespace

class TestAnsiSgr : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainTextIsOneRun()
    {
        const auto runs = AnsiSgrParser::parse(u"hello\tworld\n"_s);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().text, u"hello\tworld\n"_s);
        QVERIFY(runs.first().style.isPlain());
        QVERIFY(AnsiSgrParser::parse(u""_s).isEmpty());
    }

    void basicColoursAndReset()
    {
        const auto runs = AnsiSgrParser::parse(u"a\x1b[31mred\x1b[0mb\x1b[1;42mB\x1b[mc"_s);
        QCOMPARE(runs.size(), 5);
        QCOMPARE(runs[0], (AnsiRun {u"a"_s, {}}));
        QCOMPARE(runs[1], (AnsiRun {u"red"_s, fg(1)}));
        QCOMPARE(runs[2], (AnsiRun {u"b"_s, {}}));
        AnsiStyle boldOnGreen;
        boldOnGreen.bold = true;
        boldOnGreen.background = AnsiColor::indexed(2);
        QCOMPARE(runs[3], (AnsiRun {u"B"_s, boldOnGreen}));
        QCOMPARE(runs[4], (AnsiRun {u"c"_s, {}})); // ESC [ m is a reset too
    }

    void brightAndDefaultColours()
    {
        const auto runs = AnsiSgrParser::parse(u"\x1b[91;104mx\x1b[39my\x1b[49mz"_s);
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].style.foreground, AnsiColor::indexed(9));
        QCOMPARE(runs[0].style.background, AnsiColor::indexed(12));
        QVERIFY(runs[1].style.foreground.isDefault());
        QCOMPARE(runs[1].style.background, AnsiColor::indexed(12));
        QVERIFY(runs[2].style.isPlain());
    }

    void extendedColours()
    {
        auto runs = AnsiSgrParser::parse(u"\x1b[38;5;208ma\x1b[48;2;10;20;30mb"_s);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].style.foreground, AnsiColor::indexed(208));
        QCOMPARE(runs[1].style.background, AnsiColor::fromRgb(10, 20, 30));
        QCOMPARE(runs[1].style.background.toRgb(0), 0x0a141eu);

        // The ITU forms with colons, with and without the colour space id.
        runs = AnsiSgrParser::parse(u"\x1b[38:5:33ma\x1b[38:2::1:2:3mb\x1b[38:2:4:5:6;1mc"_s);
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs[0].style.foreground, AnsiColor::indexed(33));
        QCOMPARE(runs[1].style.foreground, AnsiColor::fromRgb(1, 2, 3));
        QCOMPARE(runs[2].style.foreground, AnsiColor::fromRgb(4, 5, 6));
        QVERIFY(runs[2].style.bold); // the parameter after the colour is read

        // Out of range or cut short: no colour, and what follows still applies.
        runs = AnsiSgrParser::parse(u"\x1b[38;5;300;3ma\x1b[0;38;2;1mb"_s);
        QCOMPARE(runs.size(), 2);
        QVERIFY(runs[0].style.foreground.isDefault());
        QVERIFY(runs[0].style.italic);
        QVERIFY(runs[1].style.isPlain());
    }

    void attributesOnAndOff()
    {
        const auto runs = AnsiSgrParser::parse(
            u"\x1b[1;3;4;7ma\x1b[22mb\x1b[23mc\x1b[24md\x1b[27me\x1b[4:3mf\x1b[4:0mg"_s);
        QCOMPARE(runs.size(), 7);
        QVERIFY(runs[0].style.bold && runs[0].style.italic && runs[0].style.underline
                && runs[0].style.inverse);
        QVERIFY(!runs[1].style.bold && runs[1].style.italic);
        QVERIFY(!runs[2].style.italic && runs[2].style.underline);
        QVERIFY(!runs[3].style.underline && runs[3].style.inverse);
        QVERIFY(runs[4].style.isPlain());
        QVERIFY(runs[5].style.underline); // curly underline is an underline
        QVERIFY(runs[6].style.isPlain());
    }

    void otherEscapesAreRemoved()
    {
        // Cursor moves, erase, private modes, a title (BEL and ST ends), a hyperlink, a charset
        // switch, a keypad mode, DCS, and controls such as BEL, backspace and CR.
        const QString text = u"\x1b[2J\x1b[1;1H\x1b[?25la\x1b]0;title\x07"
                             u"b\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"
                             "\x1b(Bc\x1b=d\x1bP1$r\x1b\\e\x07\x08\r\n\x1b[>4;1mf\x1b[1 qg"_s;
        QCOMPARE(AnsiSgrParser::stripped(text), u"ablinkcde\nfg"_s);
        const auto runs = AnsiSgrParser::parse(text);
        QCOMPARE(runs.size(), 1); // none of them changed the style (the private 'm' neither)
        QVERIFY(runs.first().style.isPlain());
    }

    void c1Controls()
    {
        const auto runs = AnsiSgrParser::parse(u"a\u009b32mb\u009dtitle\u009cc"_s);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].text, u"a"_s);
        QCOMPARE(runs[1], (AnsiRun {u"bc"_s, fg(2)}));
    }

    void sequencesSplitAcrossChunks()
    {
        AnsiSgrParser parser;
        auto runs = parser.feed(u"ok \x1b"_s);
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first().text, u"ok "_s);
        QVERIFY(parser.inSequence());
        runs = parser.feed(u"[3"_s);
        QVERIFY(runs.isEmpty());
        runs = parser.feed(u"8;5;1"_s);
        QVERIFY(runs.isEmpty());
        runs = parser.feed(u"96mpink"_s);
        QVERIFY(!parser.inSequence());
        QCOMPARE(runs.size(), 1);
        QCOMPARE(runs.first(), (AnsiRun {u"pink"_s, fg(196)}));
        QCOMPARE(parser.style(), fg(196));
        // A title split in the middle of its terminator.
        runs = parser.feed(u"\x1b]2;t"_s);
        QVERIFY(runs.isEmpty());
        runs = parser.feed(u"\x1b"_s);
        QVERIFY(runs.isEmpty());
        runs = parser.feed(u"\\!"_s);
        QCOMPARE(runs, (QList<AnsiRun> {{u"!"_s, fg(196)}}));

        // Every split of a mixed text gives the same runs.
        const QString text = u"\x1b[1;31merror:\x1b[0m file \x1b]8;;x\x07not\x1b]8;;\x07 found\x1b[K\n"
                             "\x1b[38;2;255;128;0mwarm\x1b[m done\x1b[?2004h"_s;
        const auto whole = AnsiSgrParser::parse(text);
        QCOMPARE(AnsiSgrParser::stripped(text), u"error: file not found\nwarm done"_s);
        for (qsizetype size = 1; size <= 9; ++size)
            QCOMPARE(feedInPieces(text, size), whole);
    }

    void unterminatedStringGivesUp()
    {
        AnsiSgrParser parser;
        QVERIFY(parser.feed(u"\x1b]0;"_s).isEmpty());
        // "0;" and these make one character more than the limit.
        const QString longTitle(AnsiSgrParser::MaxStringLength - 1, u'x');
        QVERIFY(parser.feed(longTitle).isEmpty());
        // After the limit, output is shown again rather than swallowed.
        QCOMPARE(parser.feed(u"visible"_s), (QList<AnsiRun> {{u"visible"_s, {}}}));
        QVERIFY(!parser.inSequence());
    }

    void hostileParametersAreBounded()
    {
        // Hundreds of parameters and a huge number: no overflow, no colour from nonsense.
        QString many = u"\x1b["_s;
        for (int i = 0; i < 500; ++i)
            many += u"1;"_s;
        many += u"31mx\x1b[99999999999999999999mY\x1b[38;5;99999999mZ"_s;
        const auto runs = AnsiSgrParser::parse(many);
        QCOMPARE(AnsiSgrParser::stripped(many), u"xYZ"_s);
        QVERIFY(runs.first().style.foreground.isDefault()); // too many parameters: not applied
        QVERIFY(runs.last().style.foreground.isDefault());
    }

    void resetForgetsStateAndStyle()
    {
        AnsiSgrParser parser;
        parser.feed(u"\x1b[31m\x1b["_s);
        QVERIFY(parser.inSequence());
        parser.reset();
        QVERIFY(!parser.inSequence());
        QVERIFY(parser.style().isPlain());
        QCOMPARE(parser.feed(u"1mx"_s), (QList<AnsiRun> {{u"1mx"_s, {}}}));
    }

    void paletteValues()
    {
        QCOMPARE(AnsiColor::indexed(1).toRgb(0), 0xcd0000u);
        QCOMPARE(AnsiColor::indexed(16).toRgb(0), 0x000000u);
        QCOMPARE(AnsiColor::indexed(196).toRgb(0), 0xff0000u);
        QCOMPARE(AnsiColor::indexed(231).toRgb(0), 0xffffffu);
        QCOMPARE(AnsiColor::indexed(232).toRgb(0), 0x080808u);
        QCOMPARE(AnsiColor::indexed(255).toRgb(0), 0xeeeeeeu);
        QCOMPARE(AnsiColor {}.toRgb(0x123456), 0x123456u);
    }
};

QTEST_GUILESS_MAIN(TestAnsiSgr)
#include "tst_ansisgr.moc"

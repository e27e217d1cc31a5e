<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi">
<context>
    <name>NotificationPolicy</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sandbox failed</source>
        <translation>Hiekkalaatikko epäonnistui</translation>
    </message>
    <message>
        <source>%1 failed.</source>
        <translation>%1 epäonnistui.</translation>
    </message>
    <message>
        <source>Sandbox timed out</source>
        <translation>Hiekkalaatikon aikaraja umpeutui</translation>
    </message>
    <message>
        <source>%1 reached its timeout of %2 s and was terminated.</source>
        <translation>%1 saavutti %2 s:n aikarajansa ja lopetettiin.</translation>
    </message>
    <message>
        <source>Command finished</source>
        <translation>Komento päättyi</translation>
    </message>
    <message>
        <source>Command failed</source>
        <translation>Komento epäonnistui</translation>
    </message>
    <message>
        <source>%1 in %2 exited with %3 after %4 s.</source>
        <translation>%1 kohteessa %2 päättyi koodilla %3 %4 s:n jälkeen.</translation>
    </message>
</context>
<context>
    <name>Orkestr::ApiError</name>
    <message>
        <source>The server answered HTTP %1 without an error description.</source>
        <translation>Palvelin vastasi HTTP-koodilla %1 ilman virheen kuvausta.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Pyyntö peruttiin.</translation>
    </message>
    <message>
        <source>%1 (request %2)</source>
        <translation>%1 (pyyntö %2)</translation>
    </message>
    <message>
        <source>The server sent a malformed response (%1 at byte %2).</source>
        <translation>Palvelin lähetti virheellisen vastauksen (%1 tavun %2 kohdalla).</translation>
    </message>
</context>
<context>
    <name>Orkestr::AttachExecJob</name>
    <message>
        <source>Detaching never stops the command: it may still be running in the sandbox.</source>
        <translation>Irrottautuminen ei koskaan pysäytä komentoa: se voi olla yhä käynnissä hiekkalaatikossa.</translation>
    </message>
</context>
<context>
    <name>Orkestr::Base64JsonEncoder</name>
    <message>
        <source>The data to upload ended %1 bytes early.</source>
        <translation>Lähetettävät tiedot loppuivat %1 tavua liian aikaisin.</translation>
    </message>
</context>
<context>
    <name>Orkestr::Base64StreamDecoder</name>
    <message>
        <source>Could not write the downloaded file: %1</source>
        <translation>Ladattua tiedostoa ei voitu kirjoittaa: %1</translation>
    </message>
    <message>
        <source>The file content is not valid base64 (its length is not a multiple of 4).</source>
        <translation>Tiedoston sisältö ei ole kelvollista base64-koodia (sen pituus ei ole 4:n monikerta).</translation>
    </message>
    <message>
        <source>The file content is not valid base64 (padding in the middle).</source>
        <translation>Tiedoston sisältö ei ole kelvollista base64-koodia (täytemerkkejä keskellä).</translation>
    </message>
    <message>
        <source>The file content is not valid base64.</source>
        <translation>Tiedoston sisältö ei ole kelvollista base64-koodia.</translation>
    </message>
    <message>
        <source>The file content holds an unexpected escape sequence.</source>
        <translation>Tiedoston sisällössä on odottamaton escape-sekvenssi.</translation>
    </message>
    <message>
        <source>The &quot;%1&quot; field of the response is not a string.</source>
        <translation>Vastauksen kenttä ”%1” ei ole merkkijono.</translation>
    </message>
    <message>
        <source>The response holds the &quot;%1&quot; field twice.</source>
        <translation>Vastauksessa on kenttä ”%1” kahdesti.</translation>
    </message>
    <message>
        <source>The response holds data after its JSON document.</source>
        <translation>Vastauksessa on tietoja JSON-dokumentin jälkeen.</translation>
    </message>
    <message>
        <source>The response is not valid JSON.</source>
        <translation>Vastaus ei ole kelvollista JSONia.</translation>
    </message>
    <message>
        <source>The response is too large outside its file content.</source>
        <translation>Vastaus on liian suuri tiedoston sisällön ulkopuolella.</translation>
    </message>
    <message>
        <source>The response ended before its JSON document was complete.</source>
        <translation>Vastaus päättyi ennen kuin sen JSON-dokumentti oli valmis.</translation>
    </message>
    <message>
        <source>The response has no &quot;%1&quot; field.</source>
        <translation>Vastauksessa ei ole kenttää ”%1”.</translation>
    </message>
    <message>
        <source>The server sent a malformed response (%1).</source>
        <translation>Palvelin lähetti virheellisen vastauksen (%1).</translation>
    </message>
    <message>
        <source>The file has an unsupported encoding &quot;%1&quot;.</source>
        <translation>Tiedostolla on tukematon koodaus ”%1”.</translation>
    </message>
</context>
<context>
    <name>Orkestr::Client</name>
    <message>
        <source>The server address &quot;%1&quot; is not a valid URL.</source>
        <translation>Palvelimen osoite ”%1” ei ole kelvollinen URL.</translation>
    </message>
    <message>
        <source>Unsupported URL scheme &quot;%1&quot;; use https.</source>
        <translation>URL-skeemaa ”%1” ei tueta; käytä https:ää.</translation>
    </message>
    <message>
        <source>Refusing to send the API token over plain http to %1. Use https, or allow insecure http for this connection explicitly.</source>
        <translation>API-tunnistetta ei lähetetä salaamattomalla http:llä kohteeseen %1. Käytä https:ää tai salli turvaton http erikseen tälle yhteydelle.</translation>
    </message>
    <message>
        <source>No API token: set one in the connection profile or in ORKESTR_API_KEY.</source>
        <translation>Ei API-tunnistetta: aseta se yhteysprofiiliin tai muuttujaan ORKESTR_API_KEY.</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was rejected: %1. Check the server address, or install the certificate of its authority on this computer.</source>
        <translation>Palvelimen TLS-varmenne hylättiin: %1. Tarkista palvelimen osoite tai asenna sen varmentajan varmenne tähän tietokoneeseen.</translation>
    </message>
    <message>
        <source>Could not reach the server: %1</source>
        <translation>Palvelimeen ei saatu yhteyttä: %1</translation>
    </message>
    <message>
        <source>The connection was lost while receiving the response: %1</source>
        <translation>Yhteys katkesi vastausta vastaanotettaessa: %1</translation>
    </message>
    <message>
        <source>the server closed it early</source>
        <translation>palvelin sulki sen ennenaikaisesti</translation>
    </message>
</context>
<context>
    <name>Orkestr::CreateSandboxParams</name>
    <message>
        <source>A template is required.</source>
        <translation>Malli vaaditaan.</translation>
    </message>
    <message>
        <source>cpu must be greater than zero.</source>
        <translation>cpu:n on oltava suurempi kuin nolla.</translation>
    </message>
    <message>
        <source>memory_mb must be greater than zero.</source>
        <translation>memory_mb:n on oltava suurempi kuin nolla.</translation>
    </message>
    <message>
        <source>timeout_seconds must be greater than zero.</source>
        <translation>timeout_seconds-arvon on oltava suurempi kuin nolla.</translation>
    </message>
    <message>
        <source>network must be off, restricted or open.</source>
        <translation>network-arvon on oltava off, restricted tai open.</translation>
    </message>
    <message>
        <source>metadata has %1 keys; at most %2 are allowed.</source>
        <translation>metadata sisältää %1 avainta; enintään %2 on sallittu.</translation>
    </message>
    <message>
        <source>metadata value of &quot;%1&quot; has %2 characters; at most %3 are allowed.</source>
        <translation>metadata-arvossa ”%1” on %2 merkkiä; enintään %3 on sallittu.</translation>
    </message>
</context>
<context>
    <name>Orkestr::ExecOutputJob</name>
    <message>
        <source>The server sent a malformed output stream (a line longer than %1 bytes).</source>
        <translation>Palvelin lähetti virheellisen tulostevirran (rivi pidempi kuin %1 tavua).</translation>
    </message>
    <message>
        <source>The output stream was cut before the command finished (%1). %2</source>
        <translation>Tulostevirta katkesi ennen kuin komento päättyi (%1). %2</translation>
    </message>
    <message>
        <source>the server closed the stream without an exit event</source>
        <translation>palvelin sulki virran ilman lopetustapahtumaa</translation>
    </message>
</context>
<context>
    <name>Orkestr::ExecStreamJob</name>
    <message>
        <source>The command may still be running in the sandbox until its own timeout.</source>
        <translation>Komento voi olla yhä käynnissä hiekkalaatikossa aikakatkaisuunsa asti.</translation>
    </message>
</context>
<context>
    <name>Orkestr::HttpStreamReply</name>
    <message>
        <source>The request has an invalid method or header.</source>
        <translation>Pyynnössä on virheellinen metodi tai otsake.</translation>
    </message>
    <message>
        <source>The server sent a malformed chunked response body.</source>
        <translation>Palvelin lähetti virheellisen paloitellun vastausrungon.</translation>
    </message>
    <message>
        <source>The server sent a malformed response head.</source>
        <translation>Palvelin lähetti virheellisen vastauksen otsakeosan.</translation>
    </message>
    <message>
        <source>The server closed the connection before the response was complete.</source>
        <translation>Palvelin sulki yhteyden ennen kuin vastaus oli valmis.</translation>
    </message>
    <message>
        <source>The server replied: %1 %2</source>
        <translation>Palvelin vastasi: %1 %2</translation>
    </message>
    <message>
        <source>No data arrived for %1 ms.</source>
        <translation>Dataa ei saapunut %1 ms:iin.</translation>
    </message>
    <message>
        <source>Operation canceled</source>
        <translation>Toiminto peruttiin</translation>
    </message>
</context>
<context>
    <name>Orkestr::Job</name>
    <message>
        <source>The server&apos;s response has no &quot;%1&quot; array.</source>
        <translation>Palvelimen vastauksessa ei ole taulukkoa ”%1”.</translation>
    </message>
    <message>
        <source>The server&apos;s response has no &quot;sandboxes&quot; object.</source>
        <translation>Palvelimen vastauksessa ei ole objektia ”sandboxes”.</translation>
    </message>
</context>
<context>
    <name>Orkestr::ListEventsParams</name>
    <message>
        <source>after_seq and before_seq cannot be given together.</source>
        <translation>after_seq- ja before_seq-arvoja ei voi antaa yhdessä.</translation>
    </message>
    <message>
        <source>after_seq must not be negative.</source>
        <translation>after_seq ei saa olla negatiivinen.</translation>
    </message>
    <message>
        <source>before_seq must not be negative.</source>
        <translation>before_seq ei saa olla negatiivinen.</translation>
    </message>
    <message>
        <source>limit must be between 1 and 1000.</source>
        <translation>limit-arvon on oltava välillä 1–1000.</translation>
    </message>
</context>
<context>
    <name>Orkestr::ListSandboxesJob</name>
    <message>
        <source>The server&apos;s sandbox list has no &quot;sandboxes&quot; array.</source>
        <translation>Palvelimen hiekkalaatikkoluettelossa ei ole taulukkoa ”sandboxes”.</translation>
    </message>
    <message>
        <source>The server&apos;s sandbox list gives two different next_cursor values.</source>
        <translation>Palvelimen hiekkalaatikkoluettelo antaa kaksi eri arvoa kentälle ”next_cursor”.</translation>
    </message>
</context>
<context>
    <name>Orkestr::LocalServerProcess</name>
    <message>
        <source>Could not create a token for the local server: %1</source>
        <translation>Paikalliselle palvelimelle ei voitu luoda tunnistetta: %1</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>Ohjelmaa %1 ei voitu käynnistää: %2</translation>
    </message>
    <message>
        <source>The local server stopped before it was ready: %1</source>
        <translation>Paikallinen palvelin pysähtyi ennen kuin se oli valmis: %1</translation>
    </message>
</context>
<context>
    <name>Orkestr::PtySession</name>
    <message>
        <source>No API token: set one in the connection profile or in ORKESTR_API_KEY.</source>
        <translation>Ei API-tunnistetta: aseta se yhteysprofiiliin tai muuttujaan ORKESTR_API_KEY.</translation>
    </message>
    <message>
        <source>The terminal&apos;s connection was lost (%1).</source>
        <translation>Päätteen yhteys katkesi (%1).</translation>
    </message>
    <message>
        <source>The server did not accept the API token.</source>
        <translation>Palvelin ei hyväksynyt API-tunnistetta.</translation>
    </message>
    <message>
        <source>This token may not open a terminal: it needs the sandboxes:write scope.</source>
        <translation>Tällä tunnisteella ei voi avata päätettä: se tarvitsee oikeuden sandboxes:write.</translation>
    </message>
    <message>
        <source>The sandbox is %1: a terminal needs it running.</source>
        <translation>Hiekkalaatikon tila on %1: pääte tarvitsee sen käyntiin.</translation>
    </message>
    <message>
        <source>This server has no interactive terminal (pty).</source>
        <translation>Tällä palvelimella ei ole interaktiivista päätettä (pty).</translation>
    </message>
    <message>
        <source>The terminal could not connect: %1</source>
        <translation>Pääte ei saanut yhteyttä: %1</translation>
    </message>
</context>
<context>
    <name>Orkestr::ReadFileJob</name>
    <message>
        <source>Reading %1 failed: %2</source>
        <translation>Tiedoston %1 lukeminen epäonnistui: %2</translation>
    </message>
    <message>
        <source>Reading %1 failed: the server announced %2 bytes but sent %3.</source>
        <translation>Tiedoston %1 lukeminen epäonnistui: palvelin ilmoitti %2 tavua mutta lähetti %3.</translation>
    </message>
</context>
<context>
    <name>Orkestr::SandboxWatchJob</name>
    <message>
        <source>The server sent a sandbox change without an id or a version.</source>
        <translation>Palvelin lähetti hiekkalaatikon muutoksen ilman tunnistetta tai versiota.</translation>
    </message>
</context>
<context>
    <name>Orkestr::SignalProcessJob</name>
    <message>
        <source>The signal must be a number from 1 to 31.</source>
        <translation>Signaalin on oltava luku väliltä 1–31.</translation>
    </message>
    <message>
        <source>The process id must be a positive number.</source>
        <translation>Prosessitunnuksen on oltava positiivinen luku.</translation>
    </message>
</context>
<context>
    <name>Orkestr::SseStreamJob</name>
    <message>
        <source>The server sent a malformed events stream (a line longer than %1 bytes).</source>
        <translation>Palvelin lähetti virheellisen tapahtumavirran (rivi pidempi kuin %1 tavua).</translation>
    </message>
</context>
<context>
    <name>Orkestr::WriteFileJob</name>
    <message>
        <source>The data for %1 cannot be read.</source>
        <translation>Kohteen %1 tietoja ei voi lukea.</translation>
    </message>
    <message>
        <source>The size of the data for %1 must be given for a sequential device.</source>
        <translation>Kohteen %1 tietojen koko on annettava, kun laite on peräkkäinen.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ActivityExport</name>
    <message>
        <source>Still running when the report was made; no output yet.</source>
        <translation>Oli yhä käynnissä raporttia tehtäessä; ei vielä tulostetta.</translation>
    </message>
    <message>
        <source>Still running when the report was made.</source>
        <translation>Oli yhä käynnissä raporttia tehtäessä.</translation>
    </message>
    <message>
        <source>Exited with code %1 after %2.</source>
        <translation>Päättyi koodilla %1 ajan %2 jälkeen.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ActivityHtml</name>
    <message>
        <source>Activity of %1</source>
        <translation>Kohteen %1 toiminta</translation>
    </message>
    <message>
        <source>Exported %1 (UTC) by Orkestr Desk.</source>
        <translation>Viety %1 (UTC), Orkestr Desk.</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Aika</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Laji</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Tekijä</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Mitä tapahtui</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s),</source>
        <translation>
            <numerusform>%n tapahtuma,</numerusform>
            <numerusform>%n tapahtumaa,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n exec(s).</source>
        <translation>
            <numerusform>%n komennon suoritus.</numerusform>
            <numerusform>%n komennon suoritusta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Output of the execs</source>
        <translation>Komentojen tulosteet</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>Suoritus</translation>
    </message>
    <message>
        <source>Directory</source>
        <translation>Hakemisto</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Suoritustapa</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Ympäristö</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Alkoi</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Päättyi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Exit code</source>
        <translation>Paluukoodi</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Signaali</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Kesto</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Tuloste</translation>
    </message>
    <message>
        <source>%1 stdout, %2 stderr</source>
        <translation>%1 stdout, %2 stderr</translation>
    </message>
    <message>
        <source>[%1 of output not kept]</source>
        <translation>[%1 tulostetta ei säilytetty]</translation>
    </message>
    <message>
        <source>[%1 of %2 no longer kept by the server]</source>
        <translation>[palvelin ei enää säilytä %1 virrasta %2]</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ActivityText</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>system: %1</source>
        <translation>järjestelmä: %1</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>paluukoodi %1</translation>
    </message>
    <message>
        <source>exit %1 in %2</source>
        <translation>paluukoodi %1, kesto %2</translation>
    </message>
    <message>
        <source>timed out after %1</source>
        <translation>aikaraja ylittyi ajan %1 jälkeen</translation>
    </message>
    <message>
        <source>killed by signal %1 after %2</source>
        <translation>lopetettu signaalilla %1 ajan %2 jälkeen</translation>
    </message>
    <message>
        <source>killed after %1</source>
        <translation>lopetettu ajan %1 jälkeen</translation>
    </message>
    <message>
        <source>lost when the server restarted</source>
        <translation>menetetty palvelimen uudelleenkäynnistyksessä</translation>
    </message>
    <message>
        <source>created from %1 in %2</source>
        <translation>luotu mallista %1 alueella %2</translation>
    </message>
    <message>
        <source>paused (snapshot %1, %2)</source>
        <translation>keskeytetty (tilannevedos %1, %2)</translation>
    </message>
    <message>
        <source>resumed (%1)</source>
        <translation>jatkettu (%1)</translation>
    </message>
    <message>
        <source>terminated: timed out</source>
        <translation>lopetettu: aikaraja ylittyi</translation>
    </message>
    <message>
        <source>terminated after an error</source>
        <translation>lopetettu virheen jälkeen</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>lopetettu</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>epäonnistui</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>epäonnistui: %1</translation>
    </message>
    <message>
        <source>ran %1</source>
        <translation>suoritettiin %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>wrote %1 (%2)</source>
        <translation>kirjoitettiin %1 (%2)</translation>
    </message>
    <message>
        <source>deleted %1 and its contents</source>
        <translation>poistettiin %1 sisältöineen</translation>
    </message>
    <message>
        <source>deleted %1</source>
        <translation>poistettiin %1</translation>
    </message>
    <message>
        <source>network denied: %1:%2</source>
        <translation>verkkoyhteys estetty: %1:%2</translation>
    </message>
    <message>
        <source>signal %1 to process %2 (%3)</source>
        <translation>signaali %1 prosessille %2 (%3)</translation>
    </message>
    <message>
        <source>%1 %2 → %3 %4 (%5)</source>
        <translation>%1 %2 → %3 %4 (%5)</translation>
    </message>
    <message>
        <source>interactive shell</source>
        <translation>interaktiivinen komentotulkki</translation>
    </message>
    <message>
        <source>interactive shell (%1)</source>
        <translation>interaktiivinen komentotulkki (%1)</translation>
    </message>
    <message>
        <source>You (%1)</source>
        <translation>Sinä (%1)</translation>
    </message>
    <message>
        <source>opened %1</source>
        <translation>avattiin %1</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::AgentTokenIssuer</name>
    <message>
        <source>Could not create the token: %1</source>
        <translation>Tunnistetta ei voitu luoda: %1</translation>
    </message>
    <message>
        <source>Could not run %1: %2</source>
        <translation>Ohjelmaa %1 ei voitu suorittaa: %2</translation>
    </message>
    <message>
        <source>Name the agent, e.g. &quot;research-bot&quot;.</source>
        <translation>Anna agentille nimi, esim. ”research-bot”.</translation>
    </message>
    <message>
        <source>Use up to 64 letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.</source>
        <translation>Käytä enintään 64 kirjainta, numeroa, välilyöntiä, pistettä, yhdysmerkkiä ja alaviivaa; ensimmäisen merkin on oltava kirjain tai numero.</translation>
    </message>
    <message>
        <source>The name must not start with &quot;ork_&quot; or &quot;tok_&quot;.</source>
        <translation>Nimi ei saa alkaa ”ork_” tai ”tok_”.</translation>
    </message>
    <message>
        <source>Agents can be connected to a local orkestr-local only.</source>
        <translation>Agentteja voi yhdistää vain paikalliseen orkestr-localiin.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::LocalService</name>
    <message>
        <source>The orkestr-local service did not answer at %1 after it was started.</source>
        <translation>orkestr-local-palvelu ei vastannut osoitteessa %1 käynnistyksen jälkeen.</translation>
    </message>
    <message>
        <source>Could not start the orkestr-local service: %1</source>
        <translation>orkestr-local-palvelua ei voitu käynnistää: %1</translation>
    </message>
    <message>
        <source>%1 exited with code %2</source>
        <translation>%1 päättyi koodilla %2</translation>
    </message>
    <message>
        <source>Could not run %1: %2</source>
        <translation>Ohjelmaa %1 ei voitu suorittaa: %2</translation>
    </message>
    <message>
        <source>Could not create a token for the orkestr-local service: %1</source>
        <translation>orkestr-local-palvelulle ei voitu luoda tunnistetta: %1</translation>
    </message>
    <message>
        <source>Another program than orkestr-local answers at %1.</source>
        <translation>Osoitteessa %1 vastaa jokin muu ohjelma kuin orkestr-local.</translation>
    </message>
    <message>
        <source>The orkestr-local service at %1 does not accept a token made in %2: it keeps its data elsewhere.</source>
        <translation>orkestr-local-palvelu osoitteessa %1 ei hyväksy hakemistossa %2 luotua tunnistetta: se säilyttää tietonsa muualla.</translation>
    </message>
    <message>
        <source>No orkestr-local service answers at %1.</source>
        <translation>Osoitteessa %1 ei vastaa orkestr-local-palvelua.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ProcessSignaller</name>
    <message>
        <source>Sent %1 to %2 (%3).</source>
        <translation>%1 lähetetty prosessille %2 (%3).</translation>
    </message>
    <message>
        <source>Could not send %1 to %2 (%3): %4</source>
        <translation>Signaalia %1 ei voitu lähettää prosessille %2 (%3): %4</translation>
    </message>
    <message>
        <source>Send %1</source>
        <translation>Lähetä %1</translation>
    </message>
    <message>
        <source>Send %1 to process %2 (%3) in %4?</source>
        <translation>Lähetetäänkö %1 prosessille %2 (%3) hiekkalaatikossa %4?</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Lopeta väkisin</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Lähetä</translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation>signaali %1</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ProcessTreeModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Komento</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>Suoritin</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Muisti</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Alkoi</translation>
    </message>
    <message>
        <source>Exec</source>
        <translation>Suoritus</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Käynnissä</translation>
    </message>
    <message>
        <source>Sleeping</source>
        <translation>Odottaa</translation>
    </message>
    <message>
        <source>Waiting for I/O</source>
        <translation>Odottaa I/O:ta</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Pysäytetty</translation>
    </message>
    <message>
        <source>Zombie</source>
        <translation>Zombi</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Joutilas</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Päättynyt</translation>
    </message>
    <message>
        <source>What the process is doing, as /proc tells it</source>
        <translation>Mitä prosessi tekee /proc-tietojen mukaan</translation>
    </message>
    <message>
        <source>Share of one core (200 % is two full cores)</source>
        <translation>Osuus yhdestä ytimestä (200 % on kaksi täyttä ydintä)</translation>
    </message>
    <message>
        <source>Resident memory</source>
        <translation>Muistissa oleva osa (resident)</translation>
    </message>
    <message>
        <source>The command that started the process; click to see it in Activity</source>
        <translation>Komento, joka käynnisti prosessin; napsauta nähdäksesi sen Toiminnassa</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::RemoteFiles</name>
    <message>
        <source>Replace?</source>
        <translation>Korvataanko?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Korvaa</translation>
    </message>
    <message>
        <source>%1 is read-only.</source>
        <translation>%1 on vain luku -tilassa.</translation>
    </message>
    <message>
        <source>%1 already exists.</source>
        <translation>%1 on jo olemassa.</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>Kohdetta %1 ei voi luoda: %2</translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>%1 luotu.</translation>
    </message>
    <message>
        <source>%1 cannot be renamed here: it is read-only.</source>
        <translation>Kohdetta %1 ei voi nimetä uudelleen täällä: se on vain luku -tilassa.</translation>
    </message>
    <message>
        <source>Cannot move to %1: the target must be inside %2, without “..”.</source>
        <translation>Kohteeseen %1 ei voi siirtää: kohteen on oltava kansion %2 sisällä, ilman ”..”.</translation>
    </message>
    <message>
        <source>Moved %1 to %2.</source>
        <translation>%1 siirretty kohteeseen %2.</translation>
    </message>
    <message>
        <source>%1 exists. Replace it?</source>
        <translation>%1 on olemassa. Korvataanko se?</translation>
    </message>
    <message>
        <source>Not renamed.</source>
        <translation>Ei nimetty uudelleen.</translation>
    </message>
    <message>
        <source>%1 cannot be deleted: it is read-only.</source>
        <translation>Kohdetta %1 ei voi poistaa: se on vain luku -tilassa.</translation>
    </message>
    <message>
        <source>Delete?</source>
        <translation>Poistetaanko?</translation>
    </message>
    <message>
        <source>Delete the folder %1 and everything in it?</source>
        <translation>Poistetaanko kansio %1 ja kaikki sen sisältö?</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>Poistetaanko %1?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>Not deleted.</source>
        <translation>Ei poistettu.</translation>
    </message>
    <message>
        <source>Cannot delete %1: %2</source>
        <translation>Kohdetta %1 ei voi poistaa: %2</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>%1 poistettu.</translation>
    </message>
    <message>
        <source>%1 already exists in %2. Replace it?</source>
        <translation>%1 on jo kansiossa %2. Korvataanko se?</translation>
    </message>
    <message>
        <source>Cannot create the folders of %1: %2</source>
        <translation>Kohteen %1 kansioita ei voi luoda: %2</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 on jo olemassa. Korvataanko se?</translation>
    </message>
    <message>
        <source>Cannot download %1: %2 is a file.</source>
        <translation>Kohdetta %1 ei voi ladata: %2 on tiedosto.</translation>
    </message>
    <message>
        <source>%1 already exists. Download into it, replacing files?</source>
        <translation>%1 on jo olemassa. Ladataanko siihen ja korvataan tiedostot?</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Kansiota %1 ei voi luoda.</translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation>Kohteen %1 sisältöä ei voi luetella: %2</translation>
    </message>
    <message>
        <source>The command failed (exit %1): %2</source>
        <translation>Komento epäonnistui (paluuarvo %1): %2</translation>
    </message>
    <message>
        <source>Uploaded the folder %1.</source>
        <translation>Kansio %1 lähetetty.</translation>
    </message>
    <message>
        <source>The transfer of %1 failed: %2</source>
        <translation>Kohteen %1 siirto epäonnistui: %2</translation>
    </message>
    <message>
        <source>The transfer of %1 was cancelled.</source>
        <translation>Kohteen %1 siirto peruttiin.</translation>
    </message>
    <message>
        <source>Downloaded the folder %1 to %2.</source>
        <translation>Kansio %1 ladattu kohteeseen %2.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::RemotePath</name>
    <message>
        <source>A name is required.</source>
        <translation>Nimi vaaditaan.</translation>
    </message>
    <message>
        <source>“%1” is not a valid name.</source>
        <translation>”%1” ei ole kelvollinen nimi.</translation>
    </message>
    <message>
        <source>“%1” is not a valid name: a name cannot contain “/” (no paths such as “../x”).</source>
        <translation>”%1” ei ole kelvollinen nimi: nimessä ei voi olla merkkiä ”/” (ei polkuja kuten ”../x”).</translation>
    </message>
    <message>
        <source>A name cannot contain a NUL character.</source>
        <translation>Nimessä ei voi olla NUL-merkkiä.</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::SandboxActions</name>
    <message>
        <source>Paused</source>
        <translation>Keskeytetty</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Jatkettu</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Lopetettu</translation>
    </message>
    <message>
        <source>%1 %2 of %3.</source>
        <translation>%1: %2/%3.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Terminate sandboxes</source>
        <translation>Lopeta hiekkalaatikot</translation>
    </message>
    <message>
        <source>Terminate %1? Its processes stop and its files are deleted.</source>
        <translation>Lopetetaanko %1? Sen prosessit pysähtyvät ja sen tiedostot poistetaan.</translation>
    </message>
    <message numerus="yes">
        <source>Terminate %n sandboxes? Their processes stop and their files are deleted.</source>
        <translation>
            <numerusform>Lopetetaanko %n hiekkalaatikko? Sen prosessit pysähtyvät ja sen tiedostot poistetaan.</numerusform>
            <numerusform>Lopetetaanko %n hiekkalaatikkoa? Niiden prosessit pysähtyvät ja niiden tiedostot poistetaan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Lopeta</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::SandboxEnding</name>
    <message>
        <source>Terminated by %1</source>
        <translation>Lopettaja: %1</translation>
    </message>
    <message>
        <source>Timed out (%1)</source>
        <translation>Aikaraja ylittyi (%1)</translation>
    </message>
    <message>
        <source>Terminated after an error (%1)</source>
        <translation>Lopetettu virheen jälkeen (%1)</translation>
    </message>
    <message>
        <source>Failed (%1)</source>
        <translation>Epäonnistui (%1)</translation>
    </message>
    <message>
        <source>Ended: %1 (%2)</source>
        <translation>Päättyi: %1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::SandboxPoller</name>
    <message>
        <source>Paused updates; last updated %1</source>
        <translation>Päivitykset tauolla; päivitetty viimeksi %1</translation>
    </message>
    <message>
        <source>Not updated yet</source>
        <translation>Ei vielä päivitetty</translation>
    </message>
    <message>
        <source>Updated %1 s ago</source>
        <translation>Päivitetty %1 s sitten</translation>
    </message>
    <message>
        <source>Offline since %1: %2; retrying in %3 s</source>
        <translation>Ei yhteyttä %1 lähtien: %2; uusi yritys %3 s kuluttua</translation>
    </message>
    <message>
        <source>start</source>
        <translation>käynnistyksestä</translation>
    </message>
    <message>
        <source>Rate limited by the server: waiting %1 s</source>
        <translation>Palvelimen pyyntöraja täynnä: odotetaan %1 s</translation>
    </message>
    <message>
        <source>Updates stopped: %1</source>
        <translation>Päivitykset pysähtyivät: %1</translation>
    </message>
    <message>
        <source>Updated live: changes show as they happen</source>
        <translation>Päivitetty jatkuvasti: muutokset näkyvät heti, kun ne tapahtuvat</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::ShellSession</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>killed by signal %1 · %2</source>
        <translation>lopetettu signaalilla %1 · %2</translation>
    </message>
    <message>
        <source>killed by signal %1 (%2) · %3</source>
        <translation>lopetettu signaalilla %1 (%2) · %3</translation>
    </message>
    <message>
        <source>exit %1 · %2</source>
        <translation>paluuarvo %1 · %2</translation>
    </message>
</context>
<context>
    <name>OrkestrSession::Transfer</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Kohdetta %1 ei voi lukea: %2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Kohteeseen %1 ei voi kirjoittaa: %2</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::AccountPage</name>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n tunti</numerusform>
            <numerusform>%n tuntia</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuutti</numerusform>
            <numerusform>%n minuuttia</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n sekunti</numerusform>
            <numerusform>%n sekuntia</numerusform>
        </translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Tilaus</translation>
    </message>
    <message>
        <source>Limits and usage</source>
        <translation>Rajat ja käyttö</translation>
    </message>
    <message>
        <source>Running sandboxes</source>
        <translation>Käynnissä olevat hiekkalaatikot</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Tilannevedokset</translation>
    </message>
    <message>
        <source>Largest sandbox this plan allows</source>
        <translation>Suurin hiekkalaatikko, jonka tämä tilaus sallii</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>Suoritin:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Muisti:</translation>
    </message>
    <message>
        <source>Lifetime:</source>
        <translation>Elinaika:</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-tunniste</translation>
    </message>
    <message>
        <source>Prefix:</source>
        <translation>Etuliite:</translation>
    </message>
    <message>
        <source>Scopes:</source>
        <translation>Oikeudet:</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Palvelin</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Osoite:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versio:</translation>
    </message>
    <message>
        <source>%1 plan</source>
        <translation>%1-tilaus</translation>
    </message>
    <message>
        <source>%1 of %2 running</source>
        <translation>%1/%2 käynnissä</translation>
    </message>
    <message>
        <source>%1 of %2 in use: full</source>
        <translation>%1/%2 käytössä: täynnä</translation>
    </message>
    <message>
        <source>%1 of %2 in use</source>
        <translation>%1/%2 käytössä</translation>
    </message>
    <message numerus="yes">
        <source>%n paused sandbox(es), each keeping one snapshot</source>
        <translation>
            <numerusform>%n keskeytetty hiekkalaatikko, jolla on yksi tilannevedos</numerusform>
            <numerusform>%n keskeytettyä hiekkalaatikkoa, kullakin yksi tilannevedos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cores</source>
        <translation>%1 ydintä</translation>
    </message>
    <message>
        <source>This token may create, change and terminate sandboxes.</source>
        <translation>Tällä tunnisteella voi luoda, muuttaa ja lopettaa hiekkalaatikoita.</translation>
    </message>
    <message>
        <source>Read-only: this token lacks sandboxes:write, so the dashboard only inspects.</source>
        <translation>Vain luku: tunnisteelta puuttuu sandboxes:write, joten hallintapaneeli vain tarkastelee.</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>ei ilmoitettu</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Ei yhteyttä</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tuntematon</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ActivityDetails</name>
    <message>
        <source>Select an event to see what happened.</source>
        <translation>Valitse tapahtuma nähdäksesi, mitä tapahtui.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ei mitään</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>ladataan…</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>yhä käynnissä</translation>
    </message>
    <message>
        <source>running</source>
        <translation>käynnissä</translation>
    </message>
    <message>
        <source>exit %1 in %2</source>
        <translation>poistumiskoodi %1, kesto %2</translation>
    </message>
    <message>
        <source>timed out after %1</source>
        <translation>aikakatkaisu, kesto %1</translation>
    </message>
    <message>
        <source>killed by signal %1</source>
        <translation>lopetettu signaalilla %1</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>lopetettu</translation>
    </message>
    <message>
        <source>lost (the server restarted while it ran)</source>
        <translation>kadonnut (palvelin käynnistyi uudelleen sen ollessa käynnissä)</translation>
    </message>
    <message>
        <source>… %1 of %2 no longer kept …</source>
        <translation>… %1 (%2) ei enää tallessa …</translation>
    </message>
    <message>
        <source>output</source>
        <translation>tulosteesta</translation>
    </message>
    <message>
        <source>exit %1</source>
        <translation>poistumiskoodi %1</translation>
    </message>
    <message>
        <source>The output could not be fetched: %1</source>
        <translation>Tulostetta ei voitu hakea: %1</translation>
    </message>
    <message>
        <source>This server does not keep the output of commands.</source>
        <translation>Tämä palvelin ei säilytä komentojen tulosteita.</translation>
    </message>
    <message>
        <source>Save output</source>
        <translation>Tallenna tuloste</translation>
    </message>
    <message>
        <source>Saved the output to %1</source>
        <translation>Tuloste tallennettu tiedostoon %1</translation>
    </message>
    <message>
        <source>Could not save the output: %1</source>
        <translation>Tulostetta ei voitu tallentaa: %1</translation>
    </message>
    <message>
        <source>File written</source>
        <translation>Tiedosto kirjoitettu</translation>
    </message>
    <message>
        <source>File deleted</source>
        <translation>Tiedosto poistettu</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Polku</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Tekijä</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Aika</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Koko</translation>
    </message>
    <message>
        <source>Looking for the file…</source>
        <translation>Etsitään tiedostoa…</translation>
    </message>
    <message>
        <source>The sandbox is not running: its files cannot be opened now.</source>
        <translation>Hiekkalaatikko ei ole käynnissä: sen tiedostoja ei voi nyt avata.</translation>
    </message>
    <message>
        <source>The file is gone: it was deleted or moved since.</source>
        <translation>Tiedostoa ei enää ole: se on sittemmin poistettu tai siirretty.</translation>
    </message>
    <message>
        <source>Connection refused by the network policy</source>
        <translation>Verkkokäytäntö esti yhteyden</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Kohde</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Komento</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Verkko</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>tuntematon</translation>
    </message>
    <message>
        <source>This sandbox has no network (network &quot;off&quot;): every connection is refused. A sandbox created with network &quot;restricted&quot; or &quot;open&quot; could reach %1.</source>
        <translation>Tällä hiekkalaatikolla ei ole verkkoa (verkko ”off”): jokainen yhteys estetään. Hiekkalaatikko, jonka verkko on ”restricted” tai ”open”, voisi tavoittaa kohteen %1.</translation>
    </message>
    <message>
        <source>This sandbox&apos;s network is &quot;restricted&quot;: it reaches only the hosts on its server&apos;s allow-list, through the server&apos;s proxy. %1 is not on that list. The list is the server&apos;s setting (orkestr-local --allow-hosts); ask whoever runs the server to add the host, or use a sandbox with network &quot;open&quot;.</source>
        <translation>Tämän hiekkalaatikon verkko on ”restricted”: se tavoittaa vain palvelimensa sallittujen luettelon isännät palvelimen välityspalvelimen kautta. %1 ei ole luettelossa. Luettelo on palvelimen asetus (orkestr-local --allow-hosts); pyydä palvelimen ylläpitäjää lisäämään isäntä tai käytä hiekkalaatikkoa, jonka verkko on ”open”.</translation>
    </message>
    <message>
        <source>The server&apos;s network policy refused the connection to %1.</source>
        <translation>Palvelimen verkkokäytäntö esti yhteyden kohteeseen %1.</translation>
    </message>
    <message>
        <source>Request failed</source>
        <translation>Pyyntö epäonnistui</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Pyyntö</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Virhe</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Pyynnön tunniste</translation>
    </message>
    <message>
        <source>The server refused this request. Quote the request id to support: it finds the request in the server&apos;s log.</source>
        <translation>Palvelin hylkäsi tämän pyynnön. Kerro pyynnön tunniste tuelle: sen avulla pyyntö löytyy palvelimen lokista.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Laji</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ActivityExportPanel</name>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>Viennin edistyminen</translation>
    </message>
    <message>
        <source>Cancel the export</source>
        <translation>Peruuta vienti</translation>
    </message>
    <message>
        <source>Stop exporting; no file is left</source>
        <translation>Lopeta vienti; tiedostoa ei jää</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML-raportti (*.html)</translation>
    </message>
    <message>
        <source>NDJSON events (*.ndjson)</source>
        <translation>NDJSON-tapahtumat (*.ndjson)</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>Vie toiminta</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Viedään tiedostoon %1…</translation>
    </message>
    <message>
        <source>Exported the activity to %1</source>
        <translation>Toiminta viety tiedostoon %1</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>Vienti peruttu</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Vienti epäonnistui: %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ActivityTab</name>
    <message>
        <source>Failures only</source>
        <translation>Vain epäonnistumiset</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Yritä uudelleen</translation>
    </message>
    <message>
        <source>Kind of events</source>
        <translation>Tapahtumien laji</translation>
    </message>
    <message>
        <source>Show events of one kind only</source>
        <translation>Näytä vain yhden lajin tapahtumat</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>Kaikki tapahtumat</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Komennot</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tiedostot</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Hiekkalaatikko</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Verkko</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prosessit</translation>
    </message>
    <message>
        <source>Failed requests</source>
        <translation>Epäonnistuneet pyynnöt</translation>
    </message>
    <message>
        <source>Only commands that failed, refused connections, failed requests and errors</source>
        <translation>Vain epäonnistuneet komennot, estetyt yhteydet, epäonnistuneet pyynnöt ja virheet</translation>
    </message>
    <message>
        <source>Search activity</source>
        <translation>Hae toiminnasta</translation>
    </message>
    <message>
        <source>Search commands and paths</source>
        <translation>Hae komennoista ja poluista</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Vie…</translation>
    </message>
    <message>
        <source>Export activity</source>
        <translation>Vie toiminta</translation>
    </message>
    <message>
        <source>Save the activity as an HTML report or NDJSON for a support ticket</source>
        <translation>Tallenna toiminta HTML-raporttina tai NDJSON-muodossa tukipyyntöä varten</translation>
    </message>
    <message>
        <source>Load the activity again</source>
        <translation>Lataa toiminta uudelleen</translation>
    </message>
    <message>
        <source>Loading the activity…</source>
        <translation>Ladataan toimintaa…</translation>
    </message>
    <message>
        <source>Select a sandbox to see its activity.</source>
        <translation>Valitse hiekkalaatikko nähdäksesi sen toiminnan.</translation>
    </message>
    <message>
        <source>This server does not record activity: it keeps no journal of the commands, files and requests of its sandboxes.</source>
        <translation>Tämä palvelin ei tallenna toimintaa: se ei pidä lokia hiekkalaatikoidensa komennoista, tiedostoista ja pyynnöistä.</translation>
    </message>
    <message>
        <source>The activity could not be loaded: %1</source>
        <translation>Toimintaa ei voitu ladata: %1</translation>
    </message>
    <message>
        <source>The activity could not be updated: %1</source>
        <translation>Toimintaa ei voitu päivittää: %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ActivityTimelineView</name>
    <message>
        <source>Activity timeline</source>
        <translation>Toiminnan aikajana</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::AttentionStrip</name>
    <message>
        <source>Needs attention</source>
        <translation>Vaatii huomiota</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Varoitus</translation>
    </message>
    <message>
        <source>Show only these</source>
        <translation>Näytä vain nämä</translation>
    </message>
    <message>
        <source>Show only the sandboxes that need attention</source>
        <translation>Näytä vain huomiota vaativat hiekkalaatikot</translation>
    </message>
    <message>
        <source>Filter the list to failed sandboxes and those expiring within 5 minutes</source>
        <translation>Rajaa luettelo epäonnistuneisiin ja 5 minuutin sisällä vanheneviin hiekkalaatikoihin</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n epäonnistui</numerusform>
            <numerusform>%n epäonnistui</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n expiring within 5 minutes</source>
        <translation>
            <numerusform>%n vanhenee 5 minuutin sisällä</numerusform>
            <numerusform>%n vanhenee 5 minuutin sisällä</numerusform>
        </translation>
    </message>
    <message>
        <source>snapshot quota full</source>
        <translation>tilannevedoskiintiö täynnä</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>yhteys katkennut</translation>
    </message>
    <message>
        <source>rate limited</source>
        <translation>pyyntöjä rajoitettu</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Vaatii huomiota: %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Komentopaletti</translation>
    </message>
    <message>
        <source>Find a sandbox by id or metadata, or an action by name</source>
        <translation>Etsi hiekkalaatikko tunnuksen tai metatietojen perusteella tai toiminto nimeltä</translation>
    </message>
    <message>
        <source>Palette search</source>
        <translation>Paletin haku</translation>
    </message>
    <message>
        <source>Palette results</source>
        <translation>Paletin tulokset</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ConnectAgentDialog</name>
    <message>
        <source>Connect an agent</source>
        <translation>Yhdistä agentti</translation>
    </message>
    <message>
        <source>e.g. research-bot</source>
        <translation>esim. research-bot</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nimi:</translation>
    </message>
    <message>
        <source>Read and &amp;write: create sandboxes, run commands, write files</source>
        <translation>Luku ja &amp;kirjoitus: luo hiekkalaatikoita, suorita komentoja, kirjoita tiedostoja</translation>
    </message>
    <message>
        <source>&amp;Read only: look at sandboxes, files and activity</source>
        <translation>&amp;Vain luku: tarkastele hiekkalaatikoita, tiedostoja ja toimintaa</translation>
    </message>
    <message>
        <source>Access:</source>
        <translation>Käyttöoikeus:</translation>
    </message>
    <message>
        <source>Create &amp;token</source>
        <translation>Luo &amp;tunniste</translation>
    </message>
    <message>
        <source>Agents can be connected to the orkestr-local on this machine: choose the Local connection first. For another server, create the token where that server is administered.</source>
        <translation>Agentteja voi yhdistää tämän koneen orkestr-localiin: valitse ensin paikallinen yhteys. Muuta palvelinta varten luo tunniste siellä, missä palvelinta hallinnoidaan.</translation>
    </message>
    <message>
        <source>Create a token for an agent that drives sandboxes on this machine through the SDK. Everything it does shows its name as the actor.</source>
        <translation>Luo tunniste agentille, joka ohjaa tämän koneen hiekkalaatikoita SDK:n kautta. Kaikessa, mitä se tekee, sen nimi näkyy tekijänä.</translation>
    </message>
    <message>
        <source>Create a token for an agent that drives sandboxes on this machine through the SDK. Everything it does shows its name as the actor. The embedded server answers only while Orkestr Desk runs, on a port that changes: install the orkestr-local user service for a stable address.</source>
        <translation>Luo tunniste agentille, joka ohjaa tämän koneen hiekkalaatikoita SDK:n kautta. Kaikessa, mitä se tekee, sen nimi näkyy tekijänä. Sisäänrakennettu palvelin vastaa vain Orkestr Deskin ollessa käynnissä, ja sen portti vaihtuu: asenna orkestr-local-käyttäjäpalvelu pysyvää osoitetta varten.</translation>
    </message>
    <message>
        <source>Creating the token…</source>
        <translation>Luodaan tunnistetta…</translation>
    </message>
    <message>
        <source>The token of &quot;%1&quot; is shown only now: copy it into the agent&apos;s environment. It is also kept in the keychain.</source>
        <translation>Agentin ”%1” tunniste näytetään vain nyt: kopioi se agentin ympäristöön. Se säilytetään myös avainnipussa.</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Ympäristö</translation>
    </message>
    <message>
        <source>Base URL (the SDK&apos;s baseUrl option)</source>
        <translation>Perus-URL (SDK:n baseUrl-asetus)</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopioi</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ConnectionManager</name>
    <message>
        <source>No token is stored for &quot;%1&quot;: set one under Connection › Manage connections, or in ORKESTR_API_KEY.</source>
        <translation>Yhteydelle ”%1” ei ole tallennettu tunnistetta: aseta se kohdassa Yhteys › Hallitse yhteyksiä tai muuttujassa ORKESTR_API_KEY.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Yhdistetään kohteeseen %1…</translation>
    </message>
    <message>
        <source>Starting the local server…</source>
        <translation>Käynnistetään paikallista palvelinta…</translation>
    </message>
    <message>
        <source>Looking for the orkestr-local service…</source>
        <translation>Etsitään orkestr-local-palvelua…</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::CreateSandboxDialog</name>
    <message>
        <source>New sandbox</source>
        <translation>Uusi hiekkalaatikko</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Muuttuja</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Avain</translation>
    </message>
    <message>
        <source> vCPU</source>
        <translation> vCPU</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mt</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>off: no network</source>
        <translation>off: ei verkkoa</translation>
    </message>
    <message>
        <source>restricted</source>
        <translation>rajoitettu</translation>
    </message>
    <message>
        <source>open</source>
        <translation>avoin</translation>
    </message>
    <message>
        <source>Any region</source>
        <translation>Mikä tahansa alue</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Malli:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Alue:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>Suoritin:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Muisti:</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Aikakatkaisu:</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>Verkko:</translation>
    </message>
    <message>
        <source>Environment (values are secret, never shown again):</source>
        <translation>Ympäristö (arvot salaisia, ei näytetä uudelleen):</translation>
    </message>
    <message>
        <source>Metadata (at most %1 keys, values up to %2 characters):</source>
        <translation>Metatiedot (enint. %1 avainta, arvoissa enint. %2 merkkiä):</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Luo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Arvo</translation>
    </message>
    <message>
        <source>Could not load the templates: %1</source>
        <translation>Malleja ei voitu ladata: %1</translation>
    </message>
    <message>
        <source>%1 (not available)</source>
        <translation>%1 (ei saatavilla)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Valitse malli.</translation>
    </message>
    <message>
        <source>Loading the templates…</source>
        <translation>Ladataan malleja…</translation>
    </message>
    <message>
        <source>The %1 plan allows at most %2 vCPU.</source>
        <translation>Paketti %1 sallii enintään %2 vCPU:ta.</translation>
    </message>
    <message>
        <source>The %1 plan allows at most %2 MB.</source>
        <translation>Paketti %1 sallii enintään %2 Mt.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Luodaan…</translation>
    </message>
    <message>
        <source>%1 (field: %2)</source>
        <translation>%1 (kenttä: %2)</translation>
    </message>
    <message>
        <source>The sandbox was not created: %1</source>
        <translation>Hiekkalaatikkoa ei luotu: %1</translation>
    </message>
    <message>
        <source>Environment variables</source>
        <translation>Ympäristömuuttujat</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metatiedot</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::DesktopNotifier</name>
    <message>
        <source>Show</source>
        <translation>Näytä</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::EditorTab</name>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 pikseliä</translation>
    </message>
    <message>
        <source>Binary file, read-only; the first %1 of %2 are shown.</source>
        <translation>Binääritiedosto, vain luku; näytetään ensimmäiset %1 / %2.</translation>
    </message>
    <message>
        <source>Binary file, read-only.</source>
        <translation>Binääritiedosto, vain luku.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Tallenna</translation>
    </message>
    <message>
        <source>Find/Replace</source>
        <translation>Etsi/korvaa</translation>
    </message>
    <message>
        <source>Go to Line…</source>
        <translation>Siirry riville…</translation>
    </message>
    <message>
        <source>Go to Line</source>
        <translation>Siirry riville</translation>
    </message>
    <message>
        <source>Line:</source>
        <translation>Rivi:</translation>
    </message>
    <message>
        <source>Plain Text</source>
        <translation>Pelkkä teksti</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Etsi</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>Korvaa tekstillä</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Seuraava</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Korvaa</translation>
    </message>
    <message>
        <source>Replace All</source>
        <translation>Korvaa kaikki</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sulje</translation>
    </message>
    <message>
        <source>“%1” was not found.</source>
        <translation>”%1” ei löytynyt.</translation>
    </message>
    <message numerus="yes">
        <source>%n replacement(s).</source>
        <translation>
            <numerusform>%n korvaus.</numerusform>
            <numerusform>%n korvausta.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Tallennetaan…</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>Tiedostoa %1 ei voitu tallentaa: %2</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::EventDetails</name>
    <message>
        <source>Open in Files</source>
        <translation>Avaa Tiedostoissa</translation>
    </message>
    <message>
        <source>Copy request id</source>
        <translation>Kopioi pyynnön tunniste</translation>
    </message>
    <message>
        <source>Event details</source>
        <translation>Tapahtuman tiedot</translation>
    </message>
    <message>
        <source>Show the file in the Files tab</source>
        <translation>Näytä tiedosto Tiedostot-välilehdellä</translation>
    </message>
    <message>
        <source>Copy the request id for a support ticket</source>
        <translation>Kopioi pyynnön tunniste tukipyyntöä varten</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1:</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ExecDetails</name>
    <message>
        <source>Copy command</source>
        <translation>Kopioi komento</translation>
    </message>
    <message>
        <source>Save output…</source>
        <translation>Tallenna tuloste…</translation>
    </message>
    <message>
        <source>Run again in the terminal</source>
        <translation>Suorita uudelleen päätteessä</translation>
    </message>
    <message>
        <source>Command details</source>
        <translation>Komennon tiedot</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>Komento:</translation>
    </message>
    <message>
        <source>Directory:</source>
        <translation>Hakemisto:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Ympäristö:</translation>
    </message>
    <message>
        <source>By:</source>
        <translation>Tekijä:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Alkoi:</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>Päättyi:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Tila:</translation>
    </message>
    <message>
        <source>Copy the command to the clipboard</source>
        <translation>Kopioi komento leikepöydälle</translation>
    </message>
    <message>
        <source>Save output</source>
        <translation>Tallenna tuloste</translation>
    </message>
    <message>
        <source>Save the retained output to a file</source>
        <translation>Tallenna säilytetty tuloste tiedostoon</translation>
    </message>
    <message>
        <source>Run the command again, in its directory, in a terminal tab</source>
        <translation>Suorita komento uudelleen sen hakemistossa pääte-välilehdellä</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ExecOutputView</name>
    <message>
        <source>Command output</source>
        <translation>Komennon tuloste</translation>
    </message>
    <message>
        <source>Standard error is tinted and marked in the left margin</source>
        <translation>Virhetuloste on sävytetty ja merkitty vasempaan reunaan</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::FileBrowser</name>
    <message>
        <source>Back</source>
        <translation>Takaisin</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Eteenpäin</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Ylös</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Päivitä</translation>
    </message>
    <message>
        <source>Upload…</source>
        <translation>Lähetä…</translation>
    </message>
    <message>
        <source>Upload Folder…</source>
        <translation>Lähetä kansio…</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Lataa…</translation>
    </message>
    <message>
        <source>New File…</source>
        <translation>Uusi tiedosto…</translation>
    </message>
    <message>
        <source>New Folder…</source>
        <translation>Uusi kansio…</translation>
    </message>
    <message>
        <source>Rename/Move…</source>
        <translation>Nimeä uudelleen/siirrä…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>Go to path, e.g. /etc</source>
        <translation>Siirry polkuun, esim. /etc</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Suodata nimen mukaan</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Avaa</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tiedostot</translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation>Kohteen %1 sisältöä ei voi luetella: %2</translation>
    </message>
    <message>
        <source>Transfer of %1 failed: %2</source>
        <translation>Kohteen %1 siirto epäonnistui: %2</translation>
    </message>
    <message>
        <source>Upload Folder</source>
        <translation>Lähetä kansio</translation>
    </message>
    <message>
        <source>Upload Files</source>
        <translation>Lähetä tiedostoja</translation>
    </message>
    <message>
        <source>Select one or more files or folders to download.</source>
        <translation>Valitse ladattavat tiedostot tai kansiot.</translation>
    </message>
    <message>
        <source>Download To</source>
        <translation>Lataa kansioon</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Lataa</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Uusi kansio</translation>
    </message>
    <message>
        <source>New File</source>
        <translation>Uusi tiedosto</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nimi:</translation>
    </message>
    <message>
        <source>Select one file or folder to rename.</source>
        <translation>Valitse yksi uudelleennimettävä tiedosto tai kansio.</translation>
    </message>
    <message>
        <source>Rename or Move</source>
        <translation>Nimeä uudelleen tai siirrä</translation>
    </message>
    <message>
        <source>New name, or an absolute path to move to:</source>
        <translation>Uusi nimi tai absoluuttinen kohdepolku:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Luo</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Nimeä uudelleen</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Polku</translation>
    </message>
    <message>
        <source>Filter names</source>
        <translation>Suodata nimiä</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Kansiot</translation>
    </message>
    <message>
        <source>Files and folders</source>
        <translation>Tiedostot ja kansiot</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Lisää toimintoja</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::FilesPanel</name>
    <message>
        <source>Select a sandbox to browse its files.</source>
        <translation>Valitse hiekkalaatikko selataksesi sen tiedostoja.</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::LanguageMenu</name>
    <message>
        <source>System default</source>
        <translation>Järjestelmän oletus</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Kieli</translation>
    </message>
    <message>
        <source>Takes effect when Orkestr Desk is started again.</source>
        <translation>Tulee voimaan, kun Orkestr Desk käynnistetään uudelleen.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>The language changes when Orkestr Desk is started again.</source>
        <translation>Kieli vaihtuu, kun Orkestr Desk käynnistetään uudelleen.</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::MainWindow</name>
    <message>
        <source>Orkestr Desk</source>
        <translation>Orkestr Desk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tiedosto</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Päivitä</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Lopeta</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Yritä uudelleen</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Hiekkalaatikot</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Tili</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Näytä</translation>
    </message>
    <message>
        <source>&amp;Request inspector</source>
        <translation>&amp;Pyyntöjen tarkastelu</translation>
    </message>
    <message>
        <source>Rate limited until %1</source>
        <translation>Pyyntöraja täynnä klo %1 asti</translation>
    </message>
    <message>
        <source>Offline: %1</source>
        <translation>Ei yhteyttä: %1</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>Pyyntöraja täynnä</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Yhteys</translation>
    </message>
    <message>
        <source>Connection: </source>
        <translation>Yhteys: </translation>
    </message>
    <message>
        <source>Manage connections…</source>
        <translation>Hallitse yhteyksiä…</translation>
    </message>
    <message>
        <source>%1 (inspect only)</source>
        <translation>%1 (vain tarkastelu)</translation>
    </message>
    <message>
        <source>%1 (command line)</source>
        <translation>%1 (komentorivi)</translation>
    </message>
    <message>
        <source>Inspect only: this connection is set to inspect sandboxes without changing them; every write action is disabled.</source>
        <translation>Vain tarkastelu: tämä yhteys on asetettu tarkastelemaan hiekkalaatikoita muuttamatta niitä; kaikki muuttavat toiminnot on poistettu käytöstä.</translation>
    </message>
    <message>
        <source>Read-only token: it lacks the sandboxes:write scope, so every write action is disabled.</source>
        <translation>Vain luku -tunniste: siltä puuttuu oikeus sandboxes:write, joten kaikki muuttavat toiminnot on poistettu käytöstä.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Yhdistetään…</translation>
    </message>
    <message>
        <source>Could not connect</source>
        <translation>Yhteyttä ei saatu</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Ei yhteyttä</translation>
    </message>
    <message>
        <source>Connected to %1 as %2</source>
        <translation>Yhdistetty kohteeseen %1 käyttäjänä %2</translation>
    </message>
    <message>
        <source>Connection lost, retrying: %1</source>
        <translation>Yhteys katkesi, yritetään uudelleen: %1</translation>
    </message>
    <message>
        <source>The server refused the API token</source>
        <translation>Palvelin hylkäsi API-tunnisteen</translation>
    </message>
    <message>
        <source>Check the token of this connection profile.</source>
        <translation>Tarkista tämän yhteysprofiilin tunniste.</translation>
    </message>
    <message>
        <source>The server cannot be reached</source>
        <translation>Palvelimeen ei saada yhteyttä</translation>
    </message>
    <message>
        <source>Check the address and that the server is running.</source>
        <translation>Tarkista osoite ja että palvelin on käynnissä.</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Liian monta pyyntöä</translation>
    </message>
    <message>
        <source>The server asks to wait before trying again.</source>
        <translation>Palvelin pyytää odottamaan ennen uutta yritystä.</translation>
    </message>
    <message>
        <source>The server answered with an error</source>
        <translation>Palvelin vastasi virheellä</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Ei yhteyttä: %1</translation>
    </message>
    <message>
        <source>&amp;Sandbox</source>
        <translation>&amp;Hiekkalaatikko</translation>
    </message>
    <message>
        <source>&amp;Open in a tab</source>
        <translation>&amp;Avaa välilehdessä</translation>
    </message>
    <message>
        <source>Open &amp;terminal</source>
        <translation>Avaa &amp;pääte</translation>
    </message>
    <message>
        <source>&amp;Close tab</source>
        <translation>&amp;Sulje välilehti</translation>
    </message>
    <message>
        <source>&amp;Next tab</source>
        <translation>&amp;Seuraava välilehti</translation>
    </message>
    <message>
        <source>&amp;Previous tab</source>
        <translation>&amp;Edellinen välilehti</translation>
    </message>
    <message>
        <source>Go to the sandbox &amp;list</source>
        <translation>Siirry hiekkalaatikoiden &amp;listaan</translation>
    </message>
    <message>
        <source>Show only what needs &amp;attention</source>
        <translation>Näytä vain &amp;huomiota vaativat</translation>
    </message>
    <message>
        <source>&amp;Command palette…</source>
        <translation>&amp;Komentopaletti…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Ohje</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Pikanäppäimet</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Näytä %1</translation>
    </message>
    <message>
        <source>Connect an &amp;agent…</source>
        <translation>Yhdistä &amp;agentti…</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::MetricChart</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::MetricsSeries</name>
    <message>
        <source>memory limit: %1</source>
        <translation>muistiraja: %1</translation>
    </message>
    <message>
        <source>GiB/s</source>
        <translation>Gt/s</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>Gt</translation>
    </message>
    <message>
        <source>MiB/s</source>
        <translation>Mt/s</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>Mt</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>kt/s</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>kt</translation>
    </message>
    <message>
        <source>B/s</source>
        <translation>t/s</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>tavua</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::MetricsTab</name>
    <message>
        <source>Load the metrics again</source>
        <translation>Lataa mittaukset uudelleen</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>Suoritin</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Muisti</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prosessit</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Levy</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Verkko</translation>
    </message>
    <message>
        <source>Loading the metrics…</source>
        <translation>Ladataan mittauksia…</translation>
    </message>
    <message>
        <source>Select a sandbox to see its metrics.</source>
        <translation>Valitse hiekkalaatikko nähdäksesi sen mittaukset.</translation>
    </message>
    <message>
        <source>The metrics could not be loaded, trying again: %1</source>
        <translation>Mittauksia ei voitu ladata, yritetään uudelleen: %1</translation>
    </message>
    <message>
        <source>This server does not measure its sandboxes: it has no metrics.</source>
        <translation>Tämä palvelin ei mittaa hiekkalaatikoitaan: sillä ei ole mittauksia.</translation>
    </message>
    <message>
        <source>The metrics could not be loaded: %1</source>
        <translation>Mittauksia ei voitu ladata: %1</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>Käytössä</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Raja</translation>
    </message>
    <message>
        <source>Workspace and /tmp</source>
        <translation>Workspace ja /tmp</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Vastaanotettu</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Lähetetty</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::NewEventsMarker</name>
    <message>
        <source>Jump to the newest events</source>
        <translation>Siirry uusimpiin tapahtumiin</translation>
    </message>
    <message>
        <source>New events arrived while you were reading; click to jump to the newest</source>
        <translation>Uusia tapahtumia saapui lukiessasi; napsauta siirtyäksesi uusimpiin</translation>
    </message>
    <message numerus="yes">
        <source>↓ %n new event(s)</source>
        <translation>
            <numerusform>↓ %n uusi tapahtuma</numerusform>
            <numerusform>↓ %n uutta tapahtumaa</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::NotificationsMenu</name>
    <message>
        <source>&amp;Notifications</source>
        <translation>&amp;Ilmoitukset</translation>
    </message>
    <message>
        <source>When a sandbox fails</source>
        <translation>Kun hiekkalaatikko epäonnistuu</translation>
    </message>
    <message>
        <source>When a sandbox reaches its timeout</source>
        <translation>Kun hiekkalaatikko saavuttaa aikarajansa</translation>
    </message>
    <message>
        <source>When a long command ends in a terminal out of view</source>
        <translation>Kun pitkä komento päättyy piilossa olevassa päätteessä</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::OpenEditors</name>
    <message>
        <source>Open a large file?</source>
        <translation>Avataanko suuri tiedosto?</translation>
    </message>
    <message>
        <source>%1 is %2. Open it anyway?</source>
        <translation>%1 on kooltaan %2. Avataanko silti?</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Avaa</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Kohdetta %1 ei voi avata: %2</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>Hylätäänkö muutokset?</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Close it and lose them?</source>
        <translation>Tiedostossa %1 on tallentamattomia muutoksia. Suljetaanko se ja menetetään muutokset?</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Hylkää</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::PaletteModel</name>
    <message>
        <source>Action: %1</source>
        <translation>Toiminto: %1</translation>
    </message>
    <message>
        <source>Sandbox %1</source>
        <translation>Hiekkalaatikko %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ProcessesTab</name>
    <message>
        <source>Show %1 in the Activity tab</source>
        <translation>Näytä %1 Toiminta-välilehdellä</translation>
    </message>
    <message>
        <source>Signal…</source>
        <translation>Signaali…</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Lopeta väkisin</translation>
    </message>
    <message>
        <source>Show command</source>
        <translation>Näytä komento</translation>
    </message>
    <message>
        <source>Load the processes again</source>
        <translation>Lataa prosessit uudelleen</translation>
    </message>
    <message>
        <source>Send a signal</source>
        <translation>Lähetä signaali</translation>
    </message>
    <message>
        <source>Kill the process</source>
        <translation>Lopeta prosessi</translation>
    </message>
    <message>
        <source>Show the command in the Activity tab</source>
        <translation>Näytä komento Toiminta-välilehdellä</translation>
    </message>
    <message>
        <source>Show the command that started the process in the Activity tab</source>
        <translation>Näytä prosessin käynnistänyt komento Toiminta-välilehdellä</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prosessit</translation>
    </message>
    <message>
        <source>Read-only: signals cannot be sent</source>
        <translation>Vain luku: signaaleja ei voi lähettää</translation>
    </message>
    <message>
        <source>Send a signal to the selected process</source>
        <translation>Lähetä signaali valitulle prosessille</translation>
    </message>
    <message>
        <source>Kill the selected process (SIGKILL)</source>
        <translation>Lopeta valittu prosessi (SIGKILL)</translation>
    </message>
    <message>
        <source>The signal cannot be sent from this session.</source>
        <translation>Signaalia ei voi lähettää tästä istunnosta.</translation>
    </message>
    <message>
        <source>Loading the processes…</source>
        <translation>Ladataan prosesseja…</translation>
    </message>
    <message>
        <source>Select a sandbox to see its processes.</source>
        <translation>Valitse hiekkalaatikko nähdäksesi sen prosessit.</translation>
    </message>
    <message>
        <source>The processes could not be refreshed: %1</source>
        <translation>Prosesseja ei voitu päivittää: %1</translation>
    </message>
    <message>
        <source>The processes could not be loaded: %1</source>
        <translation>Prosesseja ei voitu ladata: %1</translation>
    </message>
    <message>
        <source>The sandbox is not running: it has no processes.</source>
        <translation>Hiekkalaatikko ei ole käynnissä: sillä ei ole prosesseja.</translation>
    </message>
    <message>
        <source>This server does not list the processes of its sandboxes.</source>
        <translation>Tämä palvelin ei luettele hiekkalaatikoidensa prosesseja.</translation>
    </message>
    <message>
        <source>The processes could not be loaded, trying again: %1</source>
        <translation>Prosesseja ei voitu ladata, yritetään uudelleen: %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ProfileDialog</name>
    <message>
        <source>Inspect only: disable every action that changes a sandbox</source>
        <translation>Vain tarkastelu: poista käytöstä kaikki hiekkalaatikkoa muuttavat toiminnot</translation>
    </message>
    <message>
        <source>Allow plain http to a host other than this machine (sends the token unencrypted)</source>
        <translation>Salli salaamaton http muuhun kuin tähän koneeseen (lähettää tunnisteen salaamattomana)</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Yhteydet</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>ennallaan</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nimi:</translation>
    </message>
    <message>
        <source>Server URL:</source>
        <translation>Palvelimen URL:</translation>
    </message>
    <message>
        <source>API token:</source>
        <translation>API-tunniste:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lisää</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Tallenna</translation>
    </message>
    <message>
        <source>(started by Orkestr Desk)</source>
        <translation>(Orkestr Deskin käynnistämä)</translation>
    </message>
    <message>
        <source>A profile needs a name.</source>
        <translation>Profiililla on oltava nimi.</translation>
    </message>
    <message>
        <source>The server URL must be an http or https address, e.g. https://api.orkestr.eu.</source>
        <translation>Palvelimen URL:n on oltava http- tai https-osoite, esim. https://api.orkestr.eu.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Tallennettu.</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>Uusi yhteys</translation>
    </message>
    <message>
        <source>The local profile cannot be removed.</source>
        <translation>Paikallista profiilia ei voi poistaa.</translation>
    </message>
    <message>
        <source>Connection profiles</source>
        <translation>Yhteysprofiilit</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ProfileStore</name>
    <message>
        <source>Local (embedded orkestr-local)</source>
        <translation>Paikallinen (sisäänrakennettu orkestr-local)</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::PromptEdit</name>
    <message>
        <source>(reverse-i-search)`%1&apos;: </source>
        <translation>(haku taaksepäin)`%1&apos;: </translation>
    </message>
    <message>
        <source>(failed reverse-i-search)`%1&apos;: </source>
        <translation>(haku taaksepäin epäonnistui)`%1&apos;: </translation>
    </message>
    <message>
        <source>(reverse-i-search)`&apos;: </source>
        <translation>(haku taaksepäin)`&apos;: </translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Komento</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::RemoteFsModel</name>
    <message>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Koko</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Oikeudet</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Muokattu</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::RequestInspector</name>
    <message>
        <source>Requests</source>
        <translation>Pyynnöt</translation>
    </message>
    <message>
        <source>Filter: path, status, request id…</source>
        <translation>Suodata: polku, tila, pyynnön tunnus…</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Kopioi curl-komentona</translation>
    </message>
    <message>
        <source>The command reads the token from $ORKESTR_API_KEY; the token itself is never copied.</source>
        <translation>Komento lukee tunnisteen muuttujasta $ORKESTR_API_KEY; itse tunnistetta ei koskaan kopioida.</translation>
    </message>
    <message>
        <source>Copy request id</source>
        <translation>Kopioi pyynnön tunnus</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Tyhjennä</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::RequestLogModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Aika</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metodi</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Polku</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Kesto</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Pyynnön tunnus</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Uusintayritykset</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxColumns</name>
    <message>
        <source>Right-click to choose the columns</source>
        <translation>Valitse sarakkeet hiiren oikealla painikkeella</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxDetails</name>
    <message>
        <source>Copy id</source>
        <translation>Kopioi tunnus</translation>
    </message>
    <message>
        <source>Select a sandbox to see its details.</source>
        <translation>Valitse hiekkalaatikko nähdäksesi sen tiedot.</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>Tunnus:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Tila:</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>Malli:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Alue:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>Suoritin:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Muisti:</translation>
    </message>
    <message>
        <source>Network:</source>
        <translation>Verkko:</translation>
    </message>
    <message>
        <source>Timeout:</source>
        <translation>Aikakatkaisu:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Luotu:</translation>
    </message>
    <message>
        <source>Expires:</source>
        <translation>Vanhenee:</translation>
    </message>
    <message>
        <source>Paused:</source>
        <translation>Keskeytetty:</translation>
    </message>
    <message>
        <source>Terminated:</source>
        <translation>Lopetettu:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Syy:</translation>
    </message>
    <message>
        <source>Snapshot:</source>
        <translation>Tilannevedos:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>Ympäristö:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 vCPU</source>
        <translation>%1 vCPU</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 Mt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>not while paused</source>
        <translation>ei keskeytettynä</translation>
    </message>
    <message>
        <source>%1, taken %2 ago</source>
        <translation>%1, otettu %2 sitten</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ei mitään</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Keskeytä</translation>
    </message>
    <message>
        <source>Snapshot the sandbox and stop its compute meter</source>
        <translation>Ota hiekkalaatikosta tilannevedos ja pysäytä laskentamittari</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Jatka</translation>
    </message>
    <message>
        <source>Resume from the snapshot</source>
        <translation>Jatka tilannevedoksesta</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Lopeta</translation>
    </message>
    <message>
        <source>End the sandbox for good</source>
        <translation>Lopeta hiekkalaatikko pysyvästi</translation>
    </message>
    <message>
        <source>Open terminal</source>
        <translation>Avaa pääte</translation>
    </message>
    <message>
        <source>Run commands in the sandbox</source>
        <translation>Suorita komentoja hiekkalaatikossa</translation>
    </message>
    <message>
        <source>Copy the sandbox id to the clipboard</source>
        <translation>Kopioi hiekkalaatikon tunnus leikepöydälle</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>Aikaa jäljellä:</translation>
    </message>
    <message>
        <source>Metadata:</source>
        <translation>Metatiedot:</translation>
    </message>
    <message>
        <source>paused (the countdown stops)</source>
        <translation>keskeytetty (lähtölaskenta pysähtyy)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Ended by:</source>
        <translation>Päättäjä:</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxFacets</name>
    <message>
        <source>Regions</source>
        <translation>Alueet</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Tilat</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Mallit</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxTabs</name>
    <message>
        <source>Open sandboxes</source>
        <translation>Avoimet hiekkalaatikot</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Valittu</translation>
    </message>
    <message>
        <source>The sandbox selected in the list</source>
        <translation>Listasta valittu hiekkalaatikko</translation>
    </message>
    <message>
        <source>Selected: %1</source>
        <translation>Valittu: %1</translation>
    </message>
    <message>
        <source>Sandbox %1 (Ctrl+W closes)</source>
        <translation>Hiekkalaatikko %1 (Ctrl+W sulkee)</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxTreeModel</name>
    <message>
        <source>Starting</source>
        <translation>Käynnistyy</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Käynnissä</translation>
    </message>
    <message>
        <source>Pausing</source>
        <translation>Keskeytetään</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Keskeytetty</translation>
    </message>
    <message>
        <source>Resuming</source>
        <translation>Jatketaan</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Lopetettu</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Epäonnistunut</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Tuntematon</translation>
    </message>
    <message>
        <source>expiring</source>
        <translation>vanhenemassa</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Hiekkalaatikko</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Malli</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Alue</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>Suoritin</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Muisti</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Verkko</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Luotu</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Aikaa jäljellä</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>Metatiedot</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2 (%3)</translation>
    </message>
    <message>
        <source>Terminated: %1</source>
        <translation>Lopetettu: %1</translation>
    </message>
    <message>
        <source>Expires at %1</source>
        <translation>Vanhenee klo %1</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 Mt</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>keskeytetty</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>Suoritinraja</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>Muistiraja</translation>
    </message>
    <message>
        <source>CPU use of the last three minutes, in percent of one core</source>
        <translation>Suorittimen käyttö viimeisten kolmen minuutin ajalta, prosentteina yhdestä ytimestä</translation>
    </message>
    <message>
        <source>Resident memory of the last three minutes; full height is the memory limit</source>
        <translation>Varattu muisti viimeisten kolmen minuutin ajalta; täysi korkeus on muistiraja</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>percent</comment>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Only running sandboxes are measured</source>
        <translation>Vain käynnissä olevat hiekkalaatikot mitataan</translation>
    </message>
    <message>
        <source>CPU now: %1 (100 % is one core; the limit is %2)</source>
        <translation>Suoritin nyt: %1 (100 % on yksi ydin; raja on %2)</translation>
    </message>
    <message>
        <source>Memory now: %1 of %2 (%3)</source>
        <translation>Muisti nyt: %1 / %2 (%3)</translation>
    </message>
    <message>
        <source>Memory now: %1</source>
        <translation>Muisti nyt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Highest in the last %n minute(s): %1</source>
        <translation>
            <numerusform>Suurin viimeisen %n minuutin aikana: %1</numerusform>
            <numerusform>Suurin viimeisten %n minuutin aikana: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxView</name>
    <message>
        <source>Sandbox view</source>
        <translation>Hiekkalaatikkonäkymä</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Yleiskatsaus</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Pääte</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Tiedostot</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Toiminta</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Mittarit</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prosessit</translation>
    </message>
    <message>
        <source>Read-only: commands cannot be run</source>
        <translation>Vain luku: komentoja ei voi suorittaa</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SandboxesPage</name>
    <message>
        <source>Refresh</source>
        <translation>Päivitä</translation>
    </message>
    <message>
        <source>New sandbox…</source>
        <translation>Uusi hiekkalaatikko…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Keskeytä</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Jatka</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Lopeta</translation>
    </message>
    <message>
        <source>Copy id</source>
        <translation>Kopioi tunnus</translation>
    </message>
    <message>
        <source>Search id, template or metadata (agent_run=r_42)</source>
        <translation>Hae tunnusta, mallia tai metatietoja (agent_run=r_42)</translation>
    </message>
    <message>
        <source>Group by region, then status</source>
        <translation>Ryhmittele alueen ja sitten tilan mukaan</translation>
    </message>
    <message>
        <source>Group by region</source>
        <translation>Ryhmittele alueen mukaan</translation>
    </message>
    <message>
        <source>Group by status</source>
        <translation>Ryhmittele tilan mukaan</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>Ei ryhmittelyä</translation>
    </message>
    <message>
        <source>No sandbox matches the search and the selected facets.</source>
        <translation>Mikään hiekkalaatikko ei vastaa hakua ja valittuja suodattimia.</translation>
    </message>
    <message>
        <source>No sandboxes.</source>
        <translation>Ei hiekkalaatikoita.</translation>
    </message>
    <message>
        <source>No sandboxes yet. Create one with New sandbox… (%1).</source>
        <translation>Ei vielä hiekkalaatikoita. Luo sellainen valinnalla ”Uusi hiekkalaatikko…” (%1).</translation>
    </message>
    <message>
        <source>Pause: snapshot the sandbox and stop its compute meter</source>
        <translation>Keskeytä: ota hiekkalaatikosta tilannevedos ja pysäytä sen laskentamittari</translation>
    </message>
    <message>
        <source>Read-only: this connection cannot change sandboxes</source>
        <translation>Vain luku: tämä yhteys ei voi muuttaa hiekkalaatikoita</translation>
    </message>
    <message>
        <source>Every snapshot slot of the %1 plan is in use (%2 of %3): resume or terminate a paused sandbox first</source>
        <translation>Kaikki paketin %1 tilannevedospaikat ovat käytössä (%2/%3): jatka tai lopeta ensin jokin keskeytetty hiekkalaatikko</translation>
    </message>
    <message numerus="yes">
        <source>Working on %n sandboxes…</source>
        <translation>
            <numerusform>Käsitellään %n hiekkalaatikko…</numerusform>
            <numerusform>Käsitellään %n hiekkalaatikkoa…</numerusform>
        </translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>%1 luotu.</translation>
    </message>
    <message>
        <source>Search sandboxes</source>
        <translation>Hae hiekkalaatikoita</translation>
    </message>
    <message>
        <source>Search by id, template or metadata (/ in the list)</source>
        <translation>Hae tunnuksella, mallilla tai metatiedoilla (/ listassa)</translation>
    </message>
    <message>
        <source>Grouping</source>
        <translation>Ryhmittely</translation>
    </message>
    <message>
        <source>How the list is grouped</source>
        <translation>Miten lista ryhmitellään</translation>
    </message>
    <message>
        <source>Facets</source>
        <translation>Rajaimet</translation>
    </message>
    <message>
        <source>Show only some regions, statuses or templates</source>
        <translation>Näytä vain osa alueista, tiloista tai malleista</translation>
    </message>
    <message>
        <source>Sandboxes</source>
        <translation>Hiekkalaatikot</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ShellWidget</name>
    <message>
        <source>Copy</source>
        <translation>Kopioi</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Liitä</translation>
    </message>
    <message>
        <source>Find in Scrollback</source>
        <translation>Etsi historiasta</translation>
    </message>
    <message>
        <source>Restart Shell</source>
        <translation>Käynnistä komentotulkki uudelleen</translation>
    </message>
    <message>
        <source>[shell ended: %1]</source>
        <translation>[komentotulkki päättyi: %1]</translation>
    </message>
    <message>
        <source>The shell ended (%1).</source>
        <translation>Komentotulkki päättyi (%1).</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Käynnistä uudelleen</translation>
    </message>
    <message>
        <source>[shell: %1]</source>
        <translation>[komentotulkki: %1]</translation>
    </message>
    <message>
        <source>The shell is not connected: %1</source>
        <translation>Komentotulkki ei ole yhteydessä: %1</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Yhdistä uudelleen</translation>
    </message>
    <message>
        <source>This sandbox is paused: the shell is frozen until it resumes.</source>
        <translation>Tämä hiekkalaatikko on keskeytetty: komentotulkki on jäädytetty, kunnes sitä jatketaan.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Jatka</translation>
    </message>
    <message>
        <source>This sandbox is %1; its shell has ended.</source>
        <translation>Tämän hiekkalaatikon tila on %1; sen komentotulkki on päättynyt.</translation>
    </message>
    <message>
        <source>The sandbox is %1…</source>
        <translation>Hiekkalaatikon tila on %1…</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pikanäppäimet</translation>
    </message>
    <message>
        <source> or </source>
        <translation> tai </translation>
    </message>
    <message>
        <source>Move in the sandbox list</source>
        <translation>Liiku hiekkalaatikkoluettelossa</translation>
    </message>
    <message>
        <source>Up, Down, or J, K</source>
        <translation>Ylös, Alas tai J, K</translation>
    </message>
    <message>
        <source>Open the selected sandbox</source>
        <translation>Avaa valittu hiekkalaatikko</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Search the sandbox list</source>
        <translation>Hae hiekkalaatikkoluettelosta</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Toiminto</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Näppäimet</translation>
    </message>
    <message>
        <source>Delete to the end of the line in the terminal</source>
        <translation>Poista rivin loppuun päätteessä</translation>
    </message>
    <message>
        <source>%1 opens the command palette from anywhere in the window, text fields included. In the terminal it deletes to the end of the line, as in a shell; %2 opens the palette there.</source>
        <translation>%1 avaa komentopaletin mistä tahansa ikkunassa, myös tekstikentistä. Päätteessä se poistaa rivin loppuun kuten komentotulkissa; siellä paletin avaa %2.</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SnapshotCapDialog</name>
    <message>
        <source>Snapshot quota full</source>
        <translation>Tilannevedoskiintiö täynnä</translation>
    </message>
    <message numerus="yes">
        <source>All %n snapshot slot(s) of the %1 plan are in use (%2). Resume or terminate a paused sandbox to free one, then pause again.</source>
        <translation>
            <numerusform>Paketin %1 ainoa tilannevedospaikka (%n/%n) on käytössä (%2). Jatka tai lopeta keskeytetty hiekkalaatikko vapauttaaksesi sen ja keskeytä sitten uudelleen.</numerusform>
            <numerusform>Paketin %1 kaikki %n tilannevedospaikkaa ovat käytössä (%2). Jatka tai lopeta jokin keskeytetty hiekkalaatikko vapauttaaksesi paikan ja keskeytä sitten uudelleen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>Hiekkalaatikko</translation>
    </message>
    <message>
        <source>Paused since</source>
        <translation>Keskeytetty alkaen</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Jatka</translation>
    </message>
    <message>
        <source>Terminate</source>
        <translation>Lopeta</translation>
    </message>
    <message>
        <source>Paused sandboxes</source>
        <translation>Keskeytetyt hiekkalaatikot</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::SnapshotQuotaWidget</name>
    <message>
        <source>Snapshots %1 of %2 (%3)</source>
        <translation>Tilannevedokset %1/%2 (%3)</translation>
    </message>
    <message>
        <source>Every snapshot slot is in use: resume or terminate a paused sandbox before pausing another.</source>
        <translation>Kaikki tilannevedospaikat ovat käytössä: jatka tai lopeta jokin keskeytetty hiekkalaatikko ennen kuin keskeytät toisen.</translation>
    </message>
    <message>
        <source>Each paused sandbox keeps one snapshot; the %1 plan allows %2.</source>
        <translation>Jokainen keskeytetty hiekkalaatikko säilyttää yhden tilannevedoksen; paketti %1 sallii %2.</translation>
    </message>
    <message>
        <source>Snapshots: unknown</source>
        <translation>Tilannevedokset: tuntematon</translation>
    </message>
    <message>
        <source>Snapshot quota</source>
        <translation>Tilannevedoskiintiö</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::StatePage</name>
    <message>
        <source>Try again</source>
        <translation>Yritä uudelleen</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::TerminalTabs</name>
    <message>
        <source>Select a sandbox to open a terminal in it.</source>
        <translation>Valitse hiekkalaatikko avataksesi siihen päätteen.</translation>
    </message>
    <message>
        <source>New terminal tab</source>
        <translation>Uusi päätevälilehti</translation>
    </message>
    <message>
        <source>Close Terminal</source>
        <translation>Sulje pääte</translation>
    </message>
    <message>
        <source>“%1” is still running. Closing the tab stops showing its output; the command keeps running in the sandbox until its timeout. Close anyway?</source>
        <translation>”%1” on yhä käynnissä. Välilehden sulkeminen lopettaa sen tulosteen näyttämisen; komento jatkuu hiekkalaatikossa aikakatkaisuunsa asti. Suljetaanko silti?</translation>
    </message>
    <message>
        <source>New Shell</source>
        <translation>Uusi komentotulkki</translation>
    </message>
    <message>
        <source>An interactive shell in the sandbox: vim, top, a REPL, Ctrl+C</source>
        <translation>Interaktiivinen komentotulkki hiekkalaatikossa: vim, top, REPL, Ctrl+C</translation>
    </message>
    <message>
        <source>New Commands Terminal</source>
        <translation>Uusi komentopääte</translation>
    </message>
    <message>
        <source>Shell %1</source>
        <translation>Komentotulkki %1</translation>
    </message>
    <message>
        <source>Commands %1</source>
        <translation>Komennot %1</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::TerminalWidget</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Jatka</translation>
    </message>
    <message>
        <source>Timeout </source>
        <translation>Aikakatkaisu </translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Commands in this tab are stopped by the sandbox after this long</source>
        <translation>Hiekkalaatikko pysäyttää tämän välilehden komennot tämän ajan jälkeen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopioi</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Liitä</translation>
    </message>
    <message>
        <source>Find in Scrollback</source>
        <translation>Etsi vierityshistoriasta</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Tyhjennä</translation>
    </message>
    <message>
        <source>Save Transcript…</source>
        <translation>Tallenna transkriptio…</translation>
    </message>
    <message>
        <source>Scrollback Limit…</source>
        <translation>Vierityshistorian pituus…</translation>
    </message>
    <message>
        <source>Scrollback Limit</source>
        <translation>Vierityshistorian pituus</translation>
    </message>
    <message>
        <source>Lines kept in the scrollback:</source>
        <translation>Vierityshistoriassa säilytettävät rivit:</translation>
    </message>
    <message>
        <source>Font…</source>
        <translation>Fontti…</translation>
    </message>
    <message>
        <source>Colour Scheme</source>
        <translation>Väriteema</translation>
    </message>
    <message>
        <source>Follow the System</source>
        <translation>Järjestelmän mukaan</translation>
    </message>
    <message>
        <source>Standard Error Style</source>
        <translation>Virhetulosteen tyyli</translation>
    </message>
    <message>
        <source>Dimmed Red</source>
        <translation>Himmeä punainen</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Punainen</translation>
    </message>
    <message>
        <source>Bold Red</source>
        <translation>Lihavoitu punainen</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Keltainen</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>Kursiivi</translation>
    </message>
    <message>
        <source>Like Standard Output</source>
        <translation>Kuten vakiotuloste</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Pääte</translation>
    </message>
    <message>
        <source>Terminal actions</source>
        <translation>Päätteen toiminnot</translation>
    </message>
    <message>
        <source>✓ exit 0 · %1</source>
        <translation>✓ paluuarvo 0 · %1</translation>
    </message>
    <message>
        <source>✗ exit %1 · %2</source>
        <translation>✗ paluuarvo %1 · %2</translation>
    </message>
    <message>
        <source>✗ timed out after %1: the sandbox stopped the command (this tab&apos;s timeout is %2 s)</source>
        <translation>✗ aikakatkaisu %1 jälkeen: hiekkalaatikko pysäytti komennon (tämän välilehden aikakatkaisu on %2 s)</translation>
    </message>
    <message>
        <source>✗ killed by signal %1 · %2</source>
        <translation>✗ lopetettu signaalilla %1 · %2</translation>
    </message>
    <message>
        <source>✗ killed by signal %1 (%2) · %3</source>
        <translation>✗ lopetettu signaalilla %1 (%2) · %3</translation>
    </message>
    <message>
        <source>✗ the sandbox is %1, so the command did not run</source>
        <translation>✗ hiekkalaatikon tila on %1, joten komentoa ei suoritettu</translation>
    </message>
    <message>
        <source>✗ connection lost (%1); the command may still be running in the sandbox</source>
        <translation>✗ yhteys katkesi (%1); komento voi olla yhä käynnissä hiekkalaatikossa</translation>
    </message>
    <message>
        <source>^C stopped reading after %1. The command keeps running in the sandbox until its timeout (%2 s): the API cannot stop it.</source>
        <translation>^C lopetti lukemisen %1 jälkeen. Komento jatkuu hiekkalaatikossa aikakatkaisuunsa (%2 s) asti: API ei voi pysäyttää sitä.</translation>
    </message>
    <message>
        <source>✗ error: %1</source>
        <translation>✗ virhe: %1</translation>
    </message>
    <message>
        <source>Save Transcript</source>
        <translation>Tallenna transkriptio</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Tekstitiedostot (*.txt)</translation>
    </message>
    <message>
        <source>terminal-%1.txt</source>
        <translation>paate-%1.txt</translation>
    </message>
    <message>
        <source>✗ could not save the transcript to %1</source>
        <translation>✗ transkriptiota ei voitu tallentaa tiedostoon %1</translation>
    </message>
    <message>
        <source>This sandbox is paused. Resume it to run commands.</source>
        <translation>Tämä hiekkalaatikko on keskeytetty. Jatka sitä suorittaaksesi komentoja.</translation>
    </message>
    <message>
        <source>This sandbox is %1; commands can no longer run in it.</source>
        <translation>Hiekkalaatikon tila: %1; siinä ei voi enää suorittaa komentoja.</translation>
    </message>
    <message>
        <source>The sandbox is %1…</source>
        <translation>Hiekkalaatikon tila: %1…</translation>
    </message>
    <message>
        <source>Command timeout</source>
        <translation>Komennon aikaraja</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::TokenVault</name>
    <message>
        <source>No keychain is available: the token is kept in memory for this session only.</source>
        <translation>Avainnippua ei ole käytettävissä: tunniste säilytetään muistissa vain tämän istunnon ajan.</translation>
    </message>
    <message>
        <source>The token could not be stored in the keychain (%1); it is kept in memory for this session only.</source>
        <translation>Tunnistetta ei voitu tallentaa avainnippuun (%1); se säilytetään muistissa vain tämän istunnon ajan.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1). Tokens are kept in memory for this session only, or taken from ORKESTR_API_KEY.</source>
        <translation>Järjestelmän avainnippua ei ole käytettävissä (%1). Tunnisteet säilytetään muistissa vain tämän istunnon ajan tai otetaan muuttujasta ORKESTR_API_KEY.</translation>
    </message>
</context>
<context>
    <name>OrkestrUi::TransfersPanel</name>
    <message>
        <source>&lt;b&gt;Transfers&lt;/b&gt;</source>
        <translation>&lt;b&gt;Siirrot&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Poista valmiit</translation>
    </message>
    <message>
        <source>↑ %1</source>
        <translation>↑ %1</translation>
    </message>
    <message>
        <source>↓ %1 → %2</source>
        <translation>↓ %1 → %2</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Jonossa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Valmis</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Peruttu</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Epäonnistui: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop dashboard for orkestr sandboxes.</source>
        <translation>Työpöytäsovellus orkestr-hiekkalaatikoiden hallintaan.</translation>
    </message>
    <message>
        <source>Connect to this server instead of the embedded local one; the token comes from ORKESTR_API_KEY.</source>
        <translation>Yhdistä tähän palvelimeen sisäänrakennetun paikallisen sijaan; tunniste otetaan muuttujasta ORKESTR_API_KEY.</translation>
    </message>
    <message>
        <source>Allow sending the token over plain http to a host other than this machine.</source>
        <translation>Salli tunnisteen lähettäminen salaamattomalla http:llä muuhun kuin tähän koneeseen.</translation>
    </message>
    <message>
        <source>Plan of the embedded server: free, pro or team.</source>
        <translation>Sisäänrakennetun palvelimen paketti: free, pro tai team.</translation>
    </message>
    <message>
        <source>Save a picture of the window once connected (or failed), then quit.</source>
        <translation>Tallenna kuva ikkunasta, kun yhteys on muodostettu (tai epäonnistunut), ja lopeta.</translation>
    </message>
    <message>
        <source>light or dark; by default the desktop&apos;s.</source>
        <translation>light tai dark; oletuksena työpöydän mukaan.</translation>
    </message>
    <message>
        <source>Address of the orkestr-local user service, which the Local profile prefers to the embedded server; off: always the embedded server.</source>
        <translation>orkestr-local-käyttäjäpalvelun osoite; paikallinen profiili käyttää sitä ensisijaisesti sisäänrakennetun palvelimen sijaan; off: aina sisäänrakennettu palvelin.</translation>
    </message>
</context>
</TS>

<?php

declare(strict_types=1);

namespace B24Emulator\Tests;

use B24Emulator\AssertionFailed;
use B24Emulator\Emulator;
use B24Emulator\EmulatorError;
use B24Emulator\Portal;
use PHPUnit\Framework\TestCase;

/**
 * The PHP control client against a running emulator (B24_EMULATOR_URL; clients/test.sh starts one).
 * Run: B24_EMULATOR_URL=http://127.0.0.1:8080 phpunit
 */
final class EmulatorTest extends TestCase
{
    private const INCOMING = ['USER_ID' => 2, 'PHONE_NUMBER' => '+79990000001', 'TYPE' => 2, 'LINE_NUMBER' => '74950000000'];
    private const SPEC = __DIR__ . '/../../../specs/src/main/resources/b24-specs/control/openapi.json';

    private static ?Emulator $emulator = null;
    private Portal $portal;

    public static function setUpBeforeClass(): void
    {
        $url = getenv('B24_EMULATOR_URL');
        if ($url) {
            self::$emulator = new Emulator($url, getenv('B24_EMULATOR_CONTROL_TOKEN') ?: null);
            self::$emulator->waitUntilUp();
        }
    }

    public static function tearDownAfterClass(): void
    {
        if (self::$emulator !== null) {
            $unused = array_filter(Emulator::ENDPOINTS, fn ($e) => !isset(self::$emulator->called["$e[0] $e[1]"]));
            if ($unused) {
                throw new \RuntimeException('endpoints the tests never called: ' . json_encode(array_values($unused)));
            }
        }
    }

    protected function setUp(): void
    {
        if (self::$emulator === null) {
            self::markTestSkipped('B24_EMULATOR_URL is not set: start an emulator (clients/test.sh does)');
        }
        $this->portal = self::$emulator->newPortal();
    }

    protected function tearDown(): void
    {
        if (self::$emulator !== null) {
            $this->portal->delete();
        }
    }

    /** A REST call as an integration makes it (JSON body): [status, envelope]. */
    private static function rest(string $url, array $params = []): array
    {
        $curl = curl_init($url);
        curl_setopt_array($curl, [CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HTTPHEADER => ['Content-Type: application/json'], CURLOPT_POSTFIELDS => json_encode((object) $params)]);
        $body = curl_exec($curl);
        $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        curl_close($curl);
        return [$status, json_decode($body, true)];
    }

    public function testEveryEndpointIsInTheControlApiDocument(): void
    {
        $documents = [self::$emulator->controlOpenApi()];
        if (is_file(self::SPEC)) {
            $documents[] = json_decode(file_get_contents(self::SPEC), true);
        }
        foreach ($documents as $document) {
            foreach (Emulator::ENDPOINTS as [$method, $path]) {
                self::assertArrayHasKey(strtolower($method), $document['paths'][$path] ?? [], "$method $path is not documented");
            }
        }
    }

    public function testAWebhookSessionAndWhatWasCalled(): void
    {
        [$status, $registered] = self::rest($this->portal->webhookUrl . 'telephony.externalcall.register', self::INCOMING);
        self::assertSame(200, $status);
        $entry = $this->portal->assertCalled('TELEPHONY.EXTERNALCALL.REGISTER');
        self::assertSame($registered['result']['CALL_ID'], $entry['result']['CALL_ID']);
        try {
            $this->portal->assertCalled('telephony.externalcall.finish');
            self::fail('assertCalled passed for a method never called');
        } catch (AssertionFailed $e) {
            self::assertStringContainsString('telephony.externalcall.register 200', $e->getMessage());
        }
        // a call the portal refused is no call made
        self::assertSame(400, self::rest($this->portal->webhookUrl . 'telephony.externalcall.finish',
            ['CALL_ID' => 'nope', 'USER_ID' => 2])[0]);
        try {
            $this->portal->assertCalled('telephony.externalcall.finish');
            self::fail('assertCalled passed for a call the portal refused');
        } catch (AssertionFailed $e) {
            self::assertStringContainsString('telephony.externalcall.finish 400 ERROR_CORE', $e->getMessage());
        }
        self::rest($this->portal->webhookUrl . 'telephony.externalcall.finish',
            ['CALL_ID' => $registered['result']['CALL_ID'], 'USER_ID' => 2, 'DURATION' => 35, 'ADD_TO_CHAT' => 1]);
        self::assertStringStartsWith('Incoming call from [CALL=', $this->portal->chatMessages()[0]['MESSAGE']);
        self::assertCount(1, $this->portal->calls()['finished']);
        self::assertSame(['telephony.externalcall.register', 'telephony.externalcall.finish', 'telephony.externalcall.finish'],
            array_column(self::$emulator->requests(portal: $this->portal->id), 'method'));
        self::rest($this->portal->webhookUrl . 'im.notify.personal.add', ['USER_ID' => 2, 'MESSAGE' => 'Call the client back']);
        self::assertSame(['Call the client back'], array_column($this->portal->notifications(), 'NOTIFY_MESSAGE'));
        self::assertSame($this->portal->webhookUrl, self::$emulator->portal($this->portal->id)->webhookUrl);
        self::assertContains($this->portal->id, array_map(fn (Portal $p) => $p->id, self::$emulator->portals()));
    }

    public function testMovingTheClockEndsTheThirtyMinuteReuse(): void
    {
        $register = fn () => self::rest($this->portal->webhookUrl . 'telephony.externalcall.register', self::INCOMING)[1]['result']['CALL_ID'];
        $first = $register();
        self::assertSame($first, $register());
        $before = $this->portal->clock()['offsetSeconds'];
        $this->portal->advanceClock('PT31M');
        self::assertSame($before + 31 * 60, $this->portal->clock()['offsetSeconds']);
        self::assertNotSame($first, $register());
        $this->portal->setClock('2030-01-01T10:00:00Z');
        self::assertStringStartsWith('2030-01-01T', $this->portal->clock()['now']);
        $now = self::$emulator->clock()['now'];
        self::$emulator->advanceClock('PT1H');
        self::$emulator->setClock($now);
    }

    public function testSeededCrmUsersAndSettings(): void
    {
        $contact = $this->portal->addCrm('contact', ['NAME' => 'Olga', 'PHONE' => [['VALUE' => '+79995550101', 'VALUE_TYPE' => 'WORK']]]);
        [, $found] = self::rest($this->portal->webhookUrl . 'telephony.externalCall.searchCrmEntities', ['PHONE_NUMBER' => '89995550101']);
        self::assertSame([['CONTACT', $contact]], array_map(fn ($f) => [$f['CRM_ENTITY_TYPE'], $f['CRM_ENTITY_ID']], $found['result']));
        self::assertContains((string) $contact, array_map('strval', array_column($this->portal->crm()['contacts'], 'ID')));
        $this->portal->exclude('+79995550999');
        [, $excluded] = self::rest($this->portal->webhookUrl . 'telephony.externalcall.register',
            ['PHONE_NUMBER' => '+79995550999', 'CRM_CREATE' => 1] + self::INCOMING);
        self::assertNull($excluded['result']['CRM_CREATED_LEAD']);
        self::assertSame('Pavel', $this->portal->addUser(['NAME' => 'Pavel', 'UF_PHONE_INNER' => '150'])['NAME']);
        self::assertTrue($this->portal->addUser()['ACTIVE'], 'no fields: a user with the defaults, not a refused []');
        [, $invited] = self::rest($this->portal->webhookUrl . 'user.add', ['EMAIL' => 'olga@example.com', 'UF_DEPARTMENT' => [1]]);
        $loggedIn = $this->portal->loginUser((int) $invited['result']); // the invitation accepted: ONUSERADD
        self::assertSame((string) $invited['result'], $loggedIn['ID']);
        self::assertNotEmpty($loggedIn['LAST_LOGIN']);
        self::assertSame('SIMPLE', $this->portal->settings(['crmMode' => 'SIMPLE'])['crmMode']);
        self::assertSame('SIMPLE', $this->portal->settings()['crmMode']);
        $this->portal->reset();
        self::assertSame('CLASSIC', $this->portal->settings()['crmMode']);
    }

    public function testAnInstalledApplicationItsTokensAndItsDeliveries(): void
    {
        $log = tempnam(sys_get_temp_dir(), 'b24-handler');
        $port = self::freePort();
        $server = proc_open([PHP_BINARY, '-S', "127.0.0.1:$port", __DIR__ . '/handler.php'], [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']],
            $pipes, null, ['B24_HANDLER_LOG' => $log]);
        try {
            self::waitForPort($port);
            $handler = "http://127.0.0.1:$port/b24";
            $received = fn () => array_map(fn ($l) => json_decode($l, true), file($log, FILE_IGNORE_NEW_LINES));
            $tokens = $this->portal->installApp('local.pbx', 's3cret', ['telephony', 'crm', 'user', 'placement'], $handler);
            self::assertSame(200, $this->portal->assertDelivered('ONAPPINSTALL')['status']);
            self::assertSame($tokens['application_token'], $received()[0]['auth']['application_token']);
            self::assertSame(['local.pbx'], array_column($this->portal->apps(), 'clientId'));
            $rest = explode('/rest/', $this->portal->webhookUrl)[0] . '/rest/';
            [$status, $me] = self::rest($rest . 'user.current?auth=' . $tokens['access_token']);
            self::assertSame([200, '1'], [$status, $me['result']['ID']]);

            self::assertSame(200, $this->portal->trigger('OnVoximplantCallEnd', $handler, ['CALL_DURATION' => '35'])['status']);
            $last = $received()[count($received()) - 1];
            self::assertSame('35', $last['data']['CALL_DURATION']);
            self::assertSame($tokens['application_token'], $last['auth']['application_token']);
            self::assertTrue($this->portal->trigger('OnVoximplantCallEnd', $handler, [], null, null, true)['forged']);
            $forged = $received()[count($received()) - 1];
            self::assertNotSame($tokens['application_token'], $forged['auth']['application_token']);
            try {
                $this->portal->assertDelivered('ONVOXIMPLANTCALLINIT', 0.2);
                self::fail('assertDelivered passed for an event never delivered');
            } catch (AssertionFailed $e) {
                self::assertStringContainsString('ONAPPINSTALL -> 200', $e->getMessage());
            }

            self::assertSame(200, self::rest($rest . 'telephony.externalLine.add?auth=' . $tokens['access_token'], ['NUMBER' => '74950000000'])[0]);
            $clicked = $this->portal->clickToCall(['userId' => 2, 'phoneNumber' => '+79990000001', 'lineNumber' => '74950000000']);
            self::assertStringStartsWith('externalCall.', $clicked['CALL_ID']);

            // a WebRTC client in the background worker: loaded on every page; the eleventh slow load of a day removes it
            self::assertSame(200, self::rest($rest . 'placement.bind?auth=' . $tokens['access_token'], ['PLACEMENT' => 'PAGE_BACKGROUND_WORKER',
                'HANDLER' => "$handler/worker", 'OPTIONS' => ['errorHandlerUrl' => "$handler/worker-error"]])[0]);
            $worker = $this->portal->backgroundWorkers(1, '/crm/')[0];
            self::assertSame('/crm/', json_decode($worker['form']['PLACEMENT_OPTIONS'], true)['URI']);
            for ($i = 1; $i <= 10; $i++) {
                self::assertSame($i, $this->portal->slowLoad($worker['placementId'])['count']);
            }
            self::assertTrue($this->portal->slowLoad($worker['placementId'])['removed']);
            $this->portal->assertDelivered('ERROR_PLACEMENT_LOADING_OVERTIME');
            self::assertSame('ERROR_PLACEMENT_LOADING_OVERTIME', $received()[count($received()) - 1]['error']);
            self::assertSame([], $this->portal->backgroundWorkers(1));
        } finally {
            proc_terminate($server);
            proc_close($server);
            unlink($log);
        }
    }

    public function testFaultsAnswerErrorsUntilRemoved(): void
    {
        self::assertSame(1, $this->portal->fault(['method' => 'user.current', 'error' => 'QUERY_LIMIT_EXCEEDED', 'count' => 1])['remaining']);
        [$status, $answer] = self::rest($this->portal->webhookUrl . 'user.current');
        self::assertSame([503, 'QUERY_LIMIT_EXCEEDED'], [$status, $answer['error']]);
        self::assertSame(1, $this->portal->faults()[0]['fired']);
        self::assertSame(200, self::rest($this->portal->webhookUrl . 'user.current')[0]);
        $this->portal->clearFaults();
        self::assertSame([], $this->portal->faults());
    }

    public function testRefusalsCarryTheEmulatorsReason(): void
    {
        try {
            self::$emulator->portal('no-such-portal');
            self::fail('a missing portal was found');
        } catch (EmulatorError $e) {
            self::assertSame([404, 'PORTAL_NOT_FOUND'], [$e->status, $e->error]);
        }
        try {
            (new Emulator('http://127.0.0.1:1'))->health();
            self::fail('a closed port answered');
        } catch (EmulatorError $e) {
            self::assertSame([0, 'UNREACHABLE'], [$e->status, $e->error]);
        }
        $this->expectException(EmulatorError::class);
        $this->expectExceptionCode(400);
        $this->portal->settings(['crmMode' => 'NEITHER']);
    }

    public function testResetDeletesThePortalsTestsMade(): void
    {
        $made = self::$emulator->newPortal();
        self::assertSame('UP', self::$emulator->health()['status']);
        self::$emulator->reset();
        self::assertNotContains($made->id, array_map(fn (Portal $p) => $p->id, self::$emulator->portals()));
        self::assertSame('default', self::$emulator->defaultPortal()->id);
        $this->portal = self::$emulator->newPortal(); // tearDown deletes it
    }

    private static function freePort(): int
    {
        $socket = stream_socket_server('tcp://127.0.0.1:0');
        $port = (int) substr(strrchr(stream_socket_get_name($socket, false), ':'), 1);
        fclose($socket);
        return $port;
    }

    private static function waitForPort(int $port): void
    {
        for ($i = 0; $i < 100; $i++) {
            $connection = @fsockopen('127.0.0.1', $port);
            if ($connection) {
                fclose($connection);
                return;
            }
            usleep(50_000);
        }
        self::fail("the handler did not start on $port");
    }
}

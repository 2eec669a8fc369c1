<?php

declare(strict_types=1);

namespace B24Emulator;

/**
 * Control client of the Bitrix24 telephony emulator, for PHPUnit suites. Needs only ext-curl and ext-json.
 *
 *     $emulator = new Emulator('http://127.0.0.1:8080');
 *     $portal = $emulator->newPortal();              // an isolated portal with the demo data
 *     $myIntegration->useWebhook($portal->webhookUrl);
 *     $portal->assertCalled('telephony.externalcall.register');
 *
 * Every request goes to an endpoint listed in ENDPOINTS; the client's tests check each against the emulator's
 * control API document (/_emulator/control/openapi.json), so the client and the emulator cannot drift apart.
 */
final class Emulator
{
    /** Every [HTTP method, path template] of the control API this client calls. */
    public const ENDPOINTS = [
        ['GET', '/_emulator/health'],
        ['GET', '/_emulator/control/openapi.json'],
        ['GET', '/_emulator/clock'],
        ['POST', '/_emulator/clock'],
        ['POST', '/_emulator/reset'],
        ['GET', '/_emulator/requests'],
        ['GET', '/_emulator/portals'],
        ['POST', '/_emulator/portals'],
        ['GET', '/_emulator/portals/{id}'],
        ['DELETE', '/_emulator/portals/{id}'],
        ['POST', '/_emulator/portals/{id}/reset'],
        ['GET', '/_emulator/portals/{id}/settings'],
        ['PATCH', '/_emulator/portals/{id}/settings'],
        ['GET', '/_emulator/portals/{id}/clock'],
        ['POST', '/_emulator/portals/{id}/clock'],
        ['GET', '/_emulator/portals/{id}/requests'],
        ['GET', '/_emulator/portals/{id}/events'],
        ['GET', '/_emulator/portals/{id}/faults'],
        ['POST', '/_emulator/portals/{id}/faults'],
        ['DELETE', '/_emulator/portals/{id}/faults'],
        ['POST', '/_emulator/portals/{id}/users'],
        ['POST', '/_emulator/portals/{id}/users/{userId}/login'],
        ['POST', '/_emulator/portals/{id}/crm/{type}'],
        ['GET', '/_emulator/portals/{id}/crm'],
        ['POST', '/_emulator/portals/{id}/crm-exclusions'],
        ['GET', '/_emulator/portals/{id}/apps'],
        ['POST', '/_emulator/portals/{id}/apps'],
        ['POST', '/_emulator/portals/{id}/trigger'],
        ['GET', '/_emulator/portals/{id}/calls'],
        ['GET', '/_emulator/portals/{id}/notifications'],
        ['GET', '/_emulator/portals/{id}/chat-messages'],
        ['POST', '/_emulator/portals/{id}/click-to-call'],
        ['GET', '/_emulator/portals/{id}/background-workers'],
        ['POST', '/_emulator/portals/{id}/background-workers/{placementId}/slow-load'],
    ];

    public readonly string $baseUrl;

    /** @var array<string, true> the endpoints this client has called ("METHOD template"; its tests check them) */
    public array $called = [];

    public function __construct(string $baseUrl = 'http://127.0.0.1:8080', private readonly ?string $controlToken = null,
                                private readonly int $timeout = 30)
    {
        $this->baseUrl = rtrim($baseUrl, '/');
    }

    /**
     * Calls one endpoint of ENDPOINTS: the template's {names} filled from $path, a JSON body, a query.
     *
     * @param array<string, scalar> $path
     * @param array<string, scalar|null> $query
     */
    public function request(string $method, string $template, array $path = [], mixed $body = null, array $query = []): mixed
    {
        if (!in_array([$method, $template], self::ENDPOINTS, true)) {
            throw new \InvalidArgumentException("$method $template is not a control endpoint this client knows");
        }
        $this->called["$method $template"] = true;
        $url = $this->baseUrl . preg_replace_callback('/\{(\w+)\}/', fn ($m) => rawurlencode((string) $path[$m[1]]), $template);
        $query = array_filter($query, fn ($v) => $v !== null);
        if ($query) {
            $url .= '?' . http_build_query($query);
        }
        $headers = [];
        $curl = curl_init($url);
        curl_setopt_array($curl, [CURLOPT_CUSTOMREQUEST => $method, CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => $this->timeout]);
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
            curl_setopt($curl, CURLOPT_POSTFIELDS, json_encode($body, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES));
        }
        if ($this->controlToken !== null && $this->controlToken !== '') {
            $headers[] = 'X-Emulator-Token: ' . $this->controlToken;
        }
        curl_setopt($curl, CURLOPT_HTTPHEADER, $headers);
        $text = curl_exec($curl);
        $status = (int) curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
        $failure = curl_error($curl);
        curl_close($curl);
        if ($text === false) {
            throw new EmulatorError(0, 'UNREACHABLE', "Cannot reach the emulator at {$this->baseUrl}: $failure");
        }
        $answer = $text === '' ? null : json_decode($text, true);
        if ($status < 200 || $status > 299) {
            throw new EmulatorError($status, $answer['error'] ?? 'HTTP_ERROR', $answer['error_description'] ?? $text);
        }
        return $answer;
    }

    public function health(): array
    {
        return $this->request('GET', '/_emulator/health');
    }

    /** Waits for the emulator to answer (a container starting, a jar just launched); answers its health. */
    public function waitUntilUp(int $seconds = 60): array
    {
        $deadline = microtime(true) + $seconds;
        while (true) {
            try {
                return $this->health();
            } catch (EmulatorError $e) {
                if (microtime(true) > $deadline) {
                    throw $e;
                }
                usleep(200_000);
            }
        }
    }

    /** The control API's OpenAPI document, as this emulator serves it. */
    public function controlOpenApi(): array
    {
        return $this->request('GET', '/_emulator/control/openapi.json');
    }

    /**
     * A new isolated portal: the demo data, or a seed in the format of --seed files.
     *
     * @param array{seed?: array, id?: string, webhookToken?: string, scopes?: list<string>} $options
     */
    public function newPortal(array $options = []): Portal
    {
        $body = ['demo' => !isset($options['seed'])] + $options;
        return new Portal($this, $this->request('POST', '/_emulator/portals', body: $body));
    }

    public function portal(string $id): Portal
    {
        return new Portal($this, $this->request('GET', '/_emulator/portals/{id}', ['id' => $id]));
    }

    public function defaultPortal(): Portal
    {
        return $this->portal('default');
    }

    /** @return list<Portal> */
    public function portals(): array
    {
        return array_map(fn (array $view) => new Portal($this, $view), $this->request('GET', '/_emulator/portals'));
    }

    public function clock(): array
    {
        return $this->request('GET', '/_emulator/clock');
    }

    /** Moves every portal's clock forward by an ISO-8601 duration ('PT31M'). */
    public function advanceClock(string $duration): array
    {
        return $this->request('POST', '/_emulator/clock', body: ['advance' => $duration]);
    }

    /** Sets the emulator clock to an ISO-8601 instant. */
    public function setClock(string $instant): array
    {
        return $this->request('POST', '/_emulator/clock', body: ['set' => $instant]);
    }

    /** The default portal re-seeded, every other portal deleted, the clock reset. */
    public function reset(): array
    {
        return $this->request('POST', '/_emulator/reset');
    }

    /**
     * The request journal of every portal, oldest first, with the requests whose credentials named no portal (portal
     * null: a mistyped webhook URL, an unknown token) unless a portal is given.
     */
    public function requests(?string $method = null, ?string $portal = null, ?int $limit = null): array
    {
        return $this->request('GET', '/_emulator/requests', query: ['method' => $method, 'portal' => $portal, 'limit' => $limit]);
    }
}

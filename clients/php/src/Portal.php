<?php

declare(strict_types=1);

namespace B24Emulator;

/** One portal as a test sees it: its webhook, clock, settings, CRM, applications, journals and faults. */
final class Portal
{
    public readonly string $id;
    public readonly string $webhookUrl;
    public readonly string $memberId;

    public function __construct(private readonly Emulator $emulator, array $view)
    {
        $this->id = $view['id'];
        $this->webhookUrl = $view['webhookUrl'];
        $this->memberId = $view['memberId'];
    }

    private function call(string $method, string $template, mixed $body = null, array $query = [], array $path = []): mixed
    {
        return $this->emulator->request($method, '/_emulator/portals/{id}' . $template, ['id' => $this->id] + $path, $body, $query);
    }

    /** The settings; given changes (['crmMode' => 'SIMPLE']), changes them first. */
    public function settings(array $changes = []): array
    {
        return $changes ? $this->call('PATCH', '/settings', $changes) : $this->call('GET', '/settings');
    }

    public function clock(): array
    {
        return $this->call('GET', '/clock');
    }

    /** Moves this portal's clock only (token expiry, the 30-minute rule, card timers). */
    public function advanceClock(string $duration): array
    {
        return $this->call('POST', '/clock', ['advance' => $duration]);
    }

    public function setClock(string $instant): array
    {
        return $this->call('POST', '/clock', ['set' => $instant]);
    }

    /** Adds a user; no fields make one with the emulator's defaults, as in the Node and Python clients. */
    public function addUser(array $fields = []): array
    {
        return $this->call('POST', '/users', (object) $fields); // an empty PHP array is JSON's [], not an object
    }

    /** The user logs in: an invited user's first login completes the registration and sends ONUSERADD. */
    public function loginUser(int $userId): array
    {
        return $this->call('POST', '/users/{userId}/login', null, [], ['userId' => $userId]);
    }

    /** Adds a lead, contact, company or deal (crm.*.add field names) without a REST call; answers its ID. */
    public function addCrm(string $type, array $fields): int
    {
        return (int) $this->call('POST', '/crm/{type}', (object) $fields, path: ['type' => $type])['ID'];
    }

    public function crm(): array
    {
        return $this->call('GET', '/crm');
    }

    /** Puts a number on the CRM exclusion list. */
    public function exclude(string $phone): array
    {
        return $this->call('POST', '/crm-exclusions', ['phone' => $phone]);
    }

    /**
     * Installs an application; answers its tokens (access_token, refresh_token, application_token, ...).
     *
     * @param list<string> $scopes
     */
    public function installApp(string $clientId, string $clientSecret, array $scopes, ?string $handlerUrl = null, array $more = []): array
    {
        $body = ['clientId' => $clientId, 'clientSecret' => $clientSecret, 'scopes' => $scopes] + $more;
        if ($handlerUrl !== null) {
            $body['handlerUrl'] = $handlerUrl;
        }
        return $this->call('POST', '/apps', $body);
    }

    public function apps(): array
    {
        return $this->call('GET', '/apps');
    }

    /**
     * Sends a documented event to a handler now, as the installed application receives it (or, $forged, as an
     * impostor would: tokens the portal never issued); answers the delivery.
     */
    public function trigger(string $event, string $handlerUrl, array $data = [], ?string $clientId = null, ?int $userId = null, bool $forged = false): array
    {
        $body = ['event' => $event, 'handlerUrl' => $handlerUrl, 'data' => (object) $data];
        if ($clientId !== null) {
            $body['clientId'] = $clientId;
        }
        if ($userId !== null) {
            $body['userId'] = $userId;
        }
        if ($forged) {
            $body['forged'] = true;
        }
        return $this->call('POST', '/trigger', $body);
    }

    /** A user clicks a number in Bitrix24: the line's application is told (OnExternalCallStart). */
    public function clickToCall(array $fields): array
    {
        return $this->call('POST', '/click-to-call', (object) $fields);
    }

    public function calls(): array
    {
        return $this->call('GET', '/calls');
    }

    /**
     * The PAGE_BACKGROUND_WORKER handlers (a WebRTC client, say) a page of the portal at $uri loads for the user:
     * [['placementId', 'title', 'url', 'form', 'isAdmin'], ...].
     */
    public function backgroundWorkers(?int $userId = null, ?string $uri = null): array
    {
        return $this->call('GET', '/background-workers', null, array_filter(['user' => $userId, 'uri' => $uri],
            fn ($v) => $v !== null));
    }

    /**
     * A page's report that the handler took more than five seconds to load: ['placementId', 'count', 'removed']; the
     * eleventh of a day removes it and tells its errorHandlerUrl ERROR_PLACEMENT_LOADING_OVERTIME.
     */
    public function slowLoad(int $placementId): array
    {
        return $this->call('POST', '/background-workers/{placementId}/slow-load', new \stdClass(), [],
            ['placementId' => $placementId]);
    }

    /** The notifications sent with im.notify.*, oldest first (TO_USER_ID, FROM_USER_ID, NOTIFY_MESSAGE, ...). */
    public function notifications(): array
    {
        return $this->call('GET', '/notifications');
    }

    /** The messages finished calls left in the messenger (finish with ADD_TO_CHAT), oldest first (DIALOG_ID, USER_ID, MESSAGE, CALL_ID, ...). */
    public function chatMessages(): array
    {
        return $this->call('GET', '/chat-messages');
    }

    /** Every REST call the portal served, oldest first (of one method, in any case, if given). */
    public function requests(?string $method = null): array
    {
        return $this->call('GET', '/requests', query: ['method' => $method]);
    }

    /** Every delivery attempt to a handler, oldest first (of one event, if given). */
    public function deliveries(?string $event = null): array
    {
        return $this->call('GET', '/events', query: ['event' => $event]);
    }

    /**
     * Fails unless the method was called and answered 2xx, listing what was called instead (with each status and
     * error); answers the last such call. requests() has the failed calls too.
     */
    public function assertCalled(string $method): array
    {
        $calls = array_values(array_filter($this->requests($method), fn ($e) => $e['status'] >= 200 && $e['status'] < 300));
        if (!$calls) {
            $served = array_map(fn ($e) => trim("{$e['method']} {$e['status']} " . ($e['error'] ?? '')), $this->requests());
            throw new AssertionFailed("Expected a successful call of $method on portal {$this->id}; it served: " . json_encode($served));
        }
        return $calls[count($calls) - 1];
    }

    /**
     * Waits (deliveries are asynchronous) until an event was delivered, its handler answering 2xx; answers that
     * delivery. deliveries() has the failed attempts too (status 0: no answer).
     */
    public function assertDelivered(string $event, float $withinSeconds = 5.0): array
    {
        $deadline = microtime(true) + $withinSeconds;
        while (true) {
            $delivered = array_values(array_filter($this->deliveries($event), fn ($d) => $d['status'] >= 200 && $d['status'] < 300));
            if ($delivered) {
                return $delivered[count($delivered) - 1];
            }
            if (microtime(true) > $deadline) {
                $seen = array_map(fn ($d) => trim("{$d['event']} -> {$d['status']} " . ($d['error'] ?? '')), $this->deliveries());
                throw new AssertionFailed("Expected a delivery of $event on portal {$this->id}; there were: " . json_encode($seen));
            }
            usleep(50_000);
        }
    }

    /** Makes the portal answer an error to a method ('*': any), delay it (latencyMs) or drop it (drop: true). */
    public function fault(array $spec): array
    {
        return $this->call('POST', '/faults', $spec + ['method' => '*']);
    }

    public function faults(): array
    {
        return $this->call('GET', '/faults');
    }

    public function clearFaults(): array
    {
        return $this->call('DELETE', '/faults');
    }

    /** Back to the portal's seed. */
    public function reset(): array
    {
        return $this->call('POST', '/reset');
    }

    /** Deletes the portal: its webhook and tokens stop working. */
    public function delete(): array
    {
        return $this->call('DELETE', '');
    }
}

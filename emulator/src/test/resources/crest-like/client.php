<?php
// A client that behaves as CRest (bitrix-tools/crest) does, and knows nothing of the emulator: it calls
// https://<domain>/rest/<method>.json with the saved access token, and on expired_token renews the token at the
// hard-coded https://oauth.bitrix.info/oauth/token/, saves the new pair and repeats the call. Proxy and CA come from
// the environment (https_proxy) and php.ini (curl.cainfo), as they would for an unmodified integration.
//
// usage: php client.php settings.json method [key=value ...]
//        php client.php settings.json --redirect '<the redirect URI the portal sent, with code, domain, ...>'

const OAUTH_URL = 'https://oauth.bitrix.info/oauth/token/';

function request(string $url, array $params): array
{
    $curl = curl_init();
    curl_setopt_array($curl, [
        CURLOPT_URL => $url,
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => http_build_query($params),
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_SSL_VERIFYPEER => true,
        CURLOPT_SSL_VERIFYHOST => 2,
        CURLOPT_TIMEOUT => 30,
    ]);
    $body = curl_exec($curl);
    if ($body === false) {
        fwrite(STDERR, 'curl: ' . curl_error($curl) . "\n");
        exit(2);
    }
    curl_close($curl);
    $answer = json_decode($body, true);
    if (!is_array($answer)) {
        fwrite(STDERR, "not JSON: $body\n");
        exit(3);
    }
    return $answer;
}

function renew(array $settings): array
{
    $answer = request(OAUTH_URL . '?' . http_build_query([
            'grant_type' => 'refresh_token',
            'client_id' => $settings['client_id'],
            'client_secret' => $settings['client_secret'],
            'refresh_token' => $settings['refresh_token'],
        ]), []);
    if (empty($answer['access_token'])) {
        fwrite(STDERR, 'renewal refused: ' . json_encode($answer) . "\n");
        exit(4);
    }
    fwrite(STDERR, "renewed at " . OAUTH_URL . "\n");
    return array_merge($settings, [
        'access_token' => $answer['access_token'],
        'refresh_token' => $answer['refresh_token'],
        'domain' => $answer['domain'],
        'client_endpoint' => $answer['client_endpoint'],
    ]);
}

[$script, $file, $method] = $argv;
$settings = json_decode(file_get_contents($file), true);
if ($method === '--redirect') {
    // the application's redirect handler: the portal sent code and domain; the code is exchanged at oauth.bitrix.info
    parse_str((string)parse_url($argv[3], PHP_URL_QUERY), $query);
    $answer = request(OAUTH_URL . '?' . http_build_query([
            'grant_type' => 'authorization_code',
            'client_id' => $settings['client_id'],
            'client_secret' => $settings['client_secret'],
            'code' => $query['code'] ?? '',
        ]), []);
    if (empty($answer['access_token'])) {
        fwrite(STDERR, 'code refused: ' . json_encode($answer) . "\n");
        exit(4);
    }
    $settings = array_merge($settings, [
        'access_token' => $answer['access_token'],
        'refresh_token' => $answer['refresh_token'],
        'domain' => $query['domain'],
        'client_endpoint' => $answer['client_endpoint'],
    ]);
    file_put_contents($file, json_encode($settings));
    echo json_encode(['installed' => $query['domain'], 'member_id' => $query['member_id'] ?? null]), "\n";
    exit(0);
}
$params = [];
foreach (array_slice($argv, 3) as $pair) {
    [$key, $value] = explode('=', $pair, 2);
    $params[$key] = $value;
}
for ($attempt = 0; $attempt < 2; $attempt++) {
    $answer = request('https://' . $settings['domain'] . '/rest/' . $method . '.json',
        array_merge($params, ['auth' => $settings['access_token']]));
    if (($answer['error'] ?? '') === 'expired_token' && $attempt === 0) {
        $settings = renew($settings);
        file_put_contents($file, json_encode($settings));
        continue;
    }
    break;
}
echo json_encode($answer), "\n";
exit(isset($answer['result']) ? 0 : 1);

<?php
// A stand-in for the integration's event handler (php -S 127.0.0.1:PORT tests/handler.php): appends every POST,
// form-decoded, as one JSON line to the file in B24_HANDLER_LOG, and answers 200.
parse_str(file_get_contents('php://input'), $form);
file_put_contents(getenv('B24_HANDLER_LOG'), json_encode($form) . "\n", FILE_APPEND | LOCK_EX);
echo 'ok';

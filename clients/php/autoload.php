<?php
// Without Composer: require this file. With Composer, its PSR-4 autoloader does the same.
spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'B24Emulator\\')) {
        require __DIR__ . '/src/' . substr($class, strlen('B24Emulator\\')) . '.php';
    }
});

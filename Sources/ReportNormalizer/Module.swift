// placeholder removed once the module has code

class CreateUsers < ActiveRecord::Migration[6.1]
  def change
    create_table :users do |t|
      t.string :email, null: false
      t.string :name, limit: 80
      t.integer :age, limit: 2
      t.bigint :big
      t.decimal :balance, precision: 10, scale: 2
      t.decimal :ratio, precision: 5
      t.float :score
      t.boolean :active, default: true
      t.datetime :seen_at
      t.datetime :precise_at, precision: 3
      t.date :born
      t.time :wakes
      t.text :bio
      t.binary :avatar
      t.json :doc
      t.jsonb :prefs
      t.uuid :token
      t.inet :ip
      t.string :tags, array: true
      t.column :code, :string, limit: 8
      t.timestamps
    end
  end
end
